import OKRCore

/// What every report about a cycle opens with: the organization, the cycle, its
/// period and the as-of day, with the JSON contract's version.
///
/// One definition for `okr score`, `okr status` and `okr plan`. Encoded, its
/// fields sit at the top level of the report's JSON (`schema_version`,
/// `organization`, `quarter`, `period_start`, `period_end`, `as_of`), beside
/// the report's own.
public struct ReportHeader: Encodable, Sendable, Equatable {
  /// The JSON contract's version of every output, 1: fields are only ever added within it.
  public static let version = 1

  /// The JSON contract's version, ``version``.
  public var schemaVersion = ReportHeader.version
  /// okr.yaml's organization, if any.
  public var organization: String?
  /// The cycle's label (`2026-Q3`).
  public var quarter: String
  /// The cycle's first day.
  public var periodStart: String
  /// The cycle's last day.
  public var periodEnd: String
  /// The as-of day.
  public var asOf: String

  /// The header of a report about `cycle` as of `asOf`.
  public init(cycle: Cycle, asOf: CalendarDate, organization: String?) {
    self.organization = organization
    quarter = cycle.label
    periodStart = cycle.period.start.description
    periodEnd = cycle.period.end.description
    self.asOf = asOf.description
  }

  enum CodingKeys: String, CodingKey {
    case schemaVersion = "schema_version"
    case organization, quarter
    case periodStart = "period_start"
    case periodEnd = "period_end"
    case asOf = "as_of"
  }
}

/// A report that opens with a ``ReportHeader``; its fields read as the report's own.
@dynamicMemberLookup
public protocol HeadedReport {
  /// The report's header.
  var header: ReportHeader { get }
}

extension HeadedReport {
  /// `report.quarter`, `report.asOf`, … : the header's fields.
  public subscript<Value>(dynamicMember path: KeyPath<ReportHeader, Value>) -> Value {
    header[keyPath: path]
  }
}
