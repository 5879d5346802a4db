// A check-in log writer that dies at a chosen stage, as a killed writer would:
// `okr-stopped-writer LOG STAGE` appends one document to LOG through the real
// CheckinLogWriter and ends the process with status 137, without cleanup, when
// the append reaches STAGE (`lock-held` or `before-rename`). Built for the tests
// only; okr itself has no way to be stopped like this.
import OKRFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

let arguments = CommandLine.arguments
guard arguments.count == 3, let stage = CheckinLogWriter.Stage(rawValue: arguments[2]) else {
  print("usage: okr-stopped-writer LOG lock-held|before-rename")
  exit(64)
}
let writer = CheckinLogWriter(onStage: { reached in if reached == stage { _exit(137) } })
do {
  try writer.append("---\nweek: 99\n", to: arguments[1])
} catch {
  print(error)
  exit(1)
}
