import Foundation
import OKRCore
@_spi(Fuzzing) import OKRFiles

/// The JSON pointer reader of `source: {file, pointer}`, fed the fuzzer's bytes.
///
/// Bytes whose first line starts with `/` give that line as the pointer and
/// the rest as the document; any other bytes are the document, read at a few
/// fixed pointers. Oracles: the reader never traps, answers within a second,
/// finds only numbers ``CheckinNumber`` reads (or refuses for their digits),
/// and agrees with Foundation's `JSONSerialization` on whether the bytes are
/// JSON and on the value at the pointer (``JSONPointerAgreement``).
enum JSONPointerOracle {
  static let fixedPointers = ["", "/a", "/0", "/a/0", "/trials/conversion"].map { JSONPointer($0)! }

  static func check(_ bytes: [UInt8]) {
    var document = bytes
    var pointers = fixedPointers
    if bytes.first == UInt8(ascii: "/"), let newline = bytes.firstIndex(of: UInt8(ascii: "\n")),
      let pointer = JSONPointer(String(decoding: bytes[..<newline], as: UTF8.self))
    {
      document = Array(bytes[(newline + 1)...])
      pointers = [pointer]
    }
    let clock = ContinuousClock()
    for pointer in pointers {
      var disagreement: String?
      let elapsed = clock.measure {
        disagreement = JSONPointerAgreement.disagreement(document, pointer: pointer, reference: foundation)
      }
      if let disagreement { fatalError("JSON pointer '\(pointer)': \(disagreement)") }
      // Two readings (ours, JSONSerialization's) of at most 32 KiB, under the sanitizers: a second is ample.
      if elapsed > .seconds(1) { fatalError("JSON pointer '\(pointer)' took \(elapsed)") }
    }
  }

  /// A document as `JSONSerialization` reads it; `nil` when it refuses it.
  static func foundation(_ bytes: [UInt8]) -> JSONValue? {
    guard let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else {
      return nil
    }
    return jsonValue(object)
  }

  static func jsonValue(_ object: Any) -> JSONValue {
    switch object {
    case let text as String: return .string(text)
    case let members as [String: Any]: return .object(members.mapValues(jsonValue))
    case let items as [Any]: return .array(items.map(jsonValue))
    case let number as NSNumber:
      // Foundation's true and false are NSNumbers too; only the boolean class says which is which.
      if String(describing: type(of: number)).contains("Boolean") { return .bool(number.boolValue) }
      return .number(number.doubleValue)
    default: return .null
    }
  }
}
