// A check-in log writer that dies at a chosen stage, as a killed writer would.
//
// `okr-stopped-writer LOG STAGE` appends one document to LOG through the real
// CheckinLogWriter and ends the process with status 137, without cleanup, when
// the append reaches STAGE (`lock-held` or `before-rename`).
//
// `okr-stopped-writer import ROOT CSV AS-OF STAGE [N]` imports CSV into the
// repository at ROOT as `okr checkin import --as-of AS-OF` does (the same
// CheckinImport and CheckinRecorder) and sends itself SIGKILL the Nth time
// (default: the first) the append reaches STAGE (`before-locks`, `lock-held`,
// `before-rename`, `after-rename`).
//
// Built for the tests only; okr itself has no way to be stopped like this.
import OKRCore
import OKRFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Calls `stop` the `count`th time `stage` is reached.
final class Stopper: @unchecked Sendable {
  private let stage: CheckinLogWriter.Stage
  private var remaining: Int
  private let stop: () -> Void

  init(at stage: CheckinLogWriter.Stage, count: Int, stop: @escaping () -> Void) {
    self.stage = stage
    self.remaining = count
    self.stop = stop
  }

  func reached(_ stage: CheckinLogWriter.Stage) {
    guard stage == self.stage else { return }
    remaining -= 1
    if remaining == 0 { stop() }
  }
}

let arguments = CommandLine.arguments
if arguments.count >= 6, arguments[1] == "import", let stage = CheckinLogWriter.Stage(rawValue: arguments[5]),
  let day = CalendarDate(arguments[4])
{
  let root = arguments[2]
  let stopper = Stopper(at: stage, count: arguments.count > 6 ? Int(arguments[6]) ?? 1 : 1) {
    kill(getpid(), SIGKILL)
  }
  guard let text = try AtomicFile.contents(of: arguments[3]) else {
    print("cannot read \(arguments[3])")
    exit(74)
  }
  let loader = RepositoryLoader()
  let imported = CheckinImport(
    csv: text, path: arguments[3], repository: loader.load(root: root).repository, quarter: nil, today: day,
    by: "stopped")
  guard imported.diagnostics.isEmpty else {
    print(imported.diagnostics.map(\.message))
    exit(1)
  }
  let recorder = CheckinRecorder(writer: CheckinLogWriter(root: root, onStage: stopper.reached), loader: loader)
  do {
    _ = try recorder.record(imported.items(inRepositoryAt: root))
  } catch {
    print(error)
    exit(1)
  }
  exit(0)
}
guard arguments.count == 3, let stage = CheckinLogWriter.Stage(rawValue: arguments[2]) else {
  print("usage: okr-stopped-writer LOG lock-held|before-rename")
  print("       okr-stopped-writer import ROOT CSV AS-OF before-locks|lock-held|before-rename|after-rename [N]")
  exit(64)
}
let writer = CheckinLogWriter(onStage: { reached in if reached == stage { _exit(137) } })
do {
  try writer.append("---\nweek: 99\n", to: arguments[1])
} catch {
  print(error)
  exit(1)
}
