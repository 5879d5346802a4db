import OKRCore
import YAMLKit

/// A quarter-file template and how to fill it in for a team and a quarter.
///
/// Templates are real quarter files written for 2026-Q1 and team `my-team`,
/// so `okr lint` checks them like any other file. Filling one in replaces the
/// `team`, `quarter` and `name` values where libyaml says they are, and moves
/// every date in the text, comments included, by whole weeks, so each date
/// keeps its weekday and its place in its sprint.
public struct QuarterTemplate: Sendable {
  /// The template's name (`product`).
  public var name: String
  /// The template's text.
  public var text: String

  /// Creates a template from its text.
  public init(name: String, text: String) {
    self.name = name
    self.text = text
  }

  /// The names of the templates built into okr, sorted.
  public static var builtInNames: [String] { builtIn.keys.sorted() }

  /// A built-in template, or `nil`.
  public static func builtIn(named name: String) -> QuarterTemplate? {
    builtIn[name].map { QuarterTemplate(name: name, text: $0) }
  }

  /// Why a template could not be filled in.
  public struct FillError: Error, Equatable, CustomStringConvertible {
    /// What is wrong with the template.
    public var description: String
  }

  /// The template filled in for a team and a quarter.
  ///
  /// - Parameters:
  ///   - team: The team's slug.
  ///   - quarter: The quarter to plan.
  ///   - displayName: The team's display name, replacing the template's `name:`.
  ///   - addsName: Add `name:` after `team:` when the template has none (a name given on purpose is never dropped).
  /// - Returns: The quarter file's text.
  /// - Throws: ``FillError`` when the template is not a quarter file with plain `team` and `quarter` values.
  public func filled(team: String, quarter: Quarter, displayName: String, addsName: Bool = false) throws(FillError)
    -> String
  {
    let stream = YAMLParser.parse(text)
    guard stream.errors.isEmpty, let root = stream.documents.first?.root else {
      throw FillError(
        description: "template '\(shown(name))' is not valid YAML: \(stream.errors.first?.description ?? "it is empty")"
      )
    }
    guard let templateQuarter = root["quarter"]?.scalarText.flatMap(Quarter.init) else {
      throw FillError(description: "template '\(shown(name))' has no 'quarter: YYYY-Qn' to replace")
    }
    var replacements: [(node: Node, text: String)] = []
    for (key, value) in [("team", team), ("quarter", quarter.description), ("name", displayName)] {
      guard let node = root[key] else {
        if key == "name" { continue }
        throw FillError(description: "template '\(shown(name))' has no '\(shown(key))' to replace")
      }
      replacements.append((node, Self.yamlScalar(value)))
    }
    var bytes = Array(text.utf8)
    // Splice from the end so earlier offsets stay valid.
    for (node, replacement) in replacements.sorted(by: { $0.node.mark.offset > $1.node.mark.offset }) {
      guard case .scalar(let old, .plain) = node.content,
        bytes[node.mark.offset...].starts(with: old.utf8)
      else {
        throw FillError(
          description: "template '\(shown(name))': '\(node.scalarText ?? "")' at \(node.mark) must be a plain scalar")
      }
      bytes.replaceSubrange(node.mark.offset..<(node.mark.offset + old.utf8.count), with: replacement.utf8)
    }
    if addsName, root["name"] == nil, let teamNode = root["team"] {
      // After the line that holds `team:`, which the splices above did not move (team comes first or is replaced
      // in place on its own line).
      let teamText = String(decoding: bytes, as: UTF8.self)
      var lines = teamText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      let index = teamNode.mark.line - 1
      if lines.indices.contains(index), lines[index].hasPrefix("team:") {
        lines.insert("name: " + Self.yamlScalar(displayName), at: index + 1)
        bytes = Array(lines.joined(separator: "\n").utf8)
      }
    }
    let shift = templateQuarter.period.start.next(.monday).days(to: quarter.period.start.next(.monday))
    return Self.shiftingDates(in: String(decoding: bytes, as: UTF8.self), byDays: shift)
  }

  /// A value as a YAML scalar: plain when that reads back as the same string, else double-quoted.
  static func yamlScalar(_ value: String) -> String {
    let plain = YAMLParser.parse("k: \(value)\n")
    if plain.errors.isEmpty, let node = plain.documents.first?.root["k"], node.resolvedScalar == .string(value) {
      return value
    }
    var quoted = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": quoted += "\\\""
      case "\\": quoted += "\\\\"
      case "\n": quoted += "\\n"
      case "\t": quoted += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          quoted += "\\x" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
        } else {
          quoted.unicodeScalars.append(scalar)
        }
      }
    }
    return quoted + "\""
  }

  /// Moves every `YYYY-MM-DD` date that exists by `days`.
  static func shiftingDates(in text: String, byDays days: Int) -> String {
    guard days != 0 else { return text }
    var bytes = Array(text.utf8)
    var index = 0
    while index + 10 <= bytes.count {
      let isBoundary = index == 0 || !isDigit(bytes[index - 1])
      if isBoundary, index + 10 == bytes.count || !isDigit(bytes[index + 10]),
        let date = CalendarDate(String(decoding: bytes[index..<index + 10], as: UTF8.self))
      {
        bytes.replaceSubrange(index..<index + 10, with: date.adding(days: days).description.utf8)
        index += 10
      } else {
        index += 1
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}

extension String {
  func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: Swift.max(0, width - count)) + self
  }
}
