import Foundation
@_spi(Fuzzing) import OKRFiles
import YAMLKit

/// `OKR_FUZZ_ONLY=json-pointer` in the environment: only the JSON pointer reader is fuzzed.
private let onlyJSONPointer = ProcessInfo.processInfo.environment["OKR_FUZZ_ONLY"] == "json-pointer"

/// libFuzzer's entry point: bytes in, nodes, diagnostics and every report out.
///
/// Anything that traps, overflows or leaks here is a bug; every diagnostic
/// must point inside the input, and every report must pass the oracles of
/// `Oracles.swift` (nothing a terminal, browser or spreadsheet would act on).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
  let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
  // OKR_FUZZ_ONLY=json-pointer runs the JSON pointer reader alone: thousands of runs a second, not dozens.
  if onlyJSONPointer {
    JSONPointerOracle.check(bytes)
    return 0
  }
  let stream = YAMLParser.parse(bytes)
  for error in stream.errors where error.mark.offset > bytes.count {
    fatalError("error past the end of the input: \(error)")
  }
  // The same bytes as a quarter file and as a check-in log, decoded and validated.
  let loader = RepositoryLoader()
  for path in ["okrs/2026-Q1/fuzz.yaml", "checkins/2026-Q1/fuzz.yaml"] {
    for diagnostic in loader.diagnostics(forContents: bytes, path: path) where diagnostic.location.line < 0 {
      fatalError("a diagnostic before the input: \(diagnostic)")
    }
  }
  // The two decoders of check-in logs, held together: whatever the event
  // decoder takes, the node decoder reads to the same check-ins without a word.
  let log = Reports.split(bytes).dropFirst().first ?? bytes
  for (contents, cycle) in [(bytes, nil), (log, nil), (log, "2026-Q1")] {
    if let disagreement = loader.checkinDecodersDisagreement(contents, path: "checkins/2026-Q1/fuzz.yaml", cycle: cycle)
    {
      fatalError(disagreement)
    }
  }
  // The same bytes as a source's JSON file, read at a pointer and held to JSONSerialization.
  JSONPointerOracle.check(bytes)
  // Then as a repository, every report rendered in every format.
  Reports.renderEverything(bytes)
  return 0
}
