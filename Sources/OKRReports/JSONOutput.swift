#if canImport(FoundationEssentials) && !OKR_FORCE_FOUNDATION
  import FoundationEssentials
#else
  import Foundation
#endif

/// The one place JSON is encoded: sorted keys, pretty-printed, no escaped slashes.
///
/// The values' `Encodable` conformances are the one description of each
/// report's JSON. ``SortedJSONWriter`` writes them directly; its bytes are
/// Foundation's, which stays the fallback for shapes the writer leaves alone
/// and the reference its tests compare against.
public enum JSONOutput {
  /// Encodes a value the way every okr JSON output is encoded, with a final newline.
  public static func encode(_ value: some Encodable) -> String {
    SortedJSONWriter.encode(value) ?? foundationEncode(value)
  }

  /// The same text from Foundation's `JSONEncoder`, with the options that define okr's JSON:
  /// the reference the writer is held to, in its tests and by the fuzzer.
  ///
  /// - Parameter value: The value to encode.
  /// - Returns: Its JSON with a final newline.
  @_spi(Fuzzing) public static func foundationEncode(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    // Scores are finite by construction; should one ever not be, say so rather than fail.
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    // Encoding our own value types cannot fail: they hold only strings, numbers and arrays.
    guard let data = try? encoder.encode(value) else { return "null\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
