import OKRCore
import YAMLKit

/// Writes a carried-over quarter (``CarryOver``) as a quarter file, through libyaml's emitter.
public enum CarryOverWriter {
  /// The quarter file's text: a comment saying where it came from and what was left behind, then the YAML.
  ///
  /// - Parameters:
  ///   - carry: What carries.
  ///   - displayName: The team's name when the last quarter's file has none.
  /// - Returns: A quarter file that reads back as what was given.
  /// - Throws: `YAMLWriter.WriteError` when the emitter cannot write it faithfully.
  public static func text(for carry: CarryOver, displayName: String) throws(YAMLWriter.WriteError) -> String {
    let team = carry.from
    var top: [(String, YAMLValue)] = [("quarter", .text(carry.cycle.label))]
    // A fiscal cycle's days follow the last cycle's, not the calendar quarter's.
    if !carry.cycle.isCalendarQuarter {
      top.append(
        (
          "period",
          .mapping([
            ("start", .text(carry.cycle.period.start.description)), ("end", .text(carry.cycle.period.end.description)),
          ])
        ))
    }
    top += [("team", .text(team.slug)), ("name", .text(team.name ?? displayName))]
    if carry.keepsParent, let parent = team.parent { top.append(("parent", .text(parent.value))) }
    if let owner = team.owner { top.append(("owner", .text(owner))) }
    if let hours = team.hoursPerSprint { top.append(("capacity", .mapping([("hours_per_sprint", number(hours))]))) }
    // The first sprint is a date in the old quarter; the rest of the cadence carries.
    var cadence: [(String, YAMLValue)] = []
    if let length = team.cadence.sprintLength { cadence.append(("sprint_length", .text(length.description))) }
    if let day = team.cadence.checkinDay { cadence.append(("checkin_day", .text(day.rawValue))) }
    if !cadence.isEmpty { top.append(("cadence", .mapping(cadence))) }
    top.append(("objectives", .list(carry.objectives.map(objective))))
    let header =
      [
        "# Carried over from \(carry.from.cycle.label) by 'okr init --from': numeric baselines are the last actual values."
      ]
      + carry.notes.map { "# - \($0)" }
    return header.joined(separator: "\n") + "\n" + (try YAMLWriter.document(.mapping(top)))
  }

  private static func objective(_ objective: Objective) -> YAMLValue {
    var fields: [(String, YAMLValue)] = [("id", .text(objective.id.value)), ("title", .text(objective.title))]
    if let alignsTo = objective.alignsTo { fields.append(("aligns_to", .text(alignsTo.value.description))) }
    if let owner = objective.owner { fields.append(("owner", .text(owner))) }
    fields.append(("key_results", .list(objective.keyResults.map(keyResult))))
    return .mapping(fields)
  }

  private static func keyResult(_ keyResult: KeyResult) -> YAMLValue {
    var fields: [(String, YAMLValue)] = [
      ("id", .text(keyResult.id.value)), ("title", .text(keyResult.title)),
      ("type", .text(keyResult.measure.typeName)),
    ]
    for (key, value) in keyResult.measure.behaviour?.parameterValues ?? [] {
      fields.append((key, parameter(value)))
    }
    if let unit = keyResult.unit { fields.append(("unit", .text(unit))) }
    fields.append(("commitment", .text(keyResult.commitment.rawValue)))
    fields.append(("weight", number(keyResult.weight)))
    if let owner = keyResult.owner { fields.append(("owner", .text(owner))) }
    fields.append(("pace", .text(keyResult.pace.rawValue)))
    // Where the value lives does not change with the quarter: a team points a key result at its number once.
    if let source = keyResult.source?.value { fields.append(("source", Self.source(source))) }
    return .mapping(fields)
  }

  private static func source(_ source: KeyResultSource) -> YAMLValue {
    switch source {
    case .json(let file, let pointer):
      return .mapping([("file", .text(file.value)), ("pointer", .text(pointer.description))])
    case .csv(let file, let column):
      return .mapping([("file", .text(file.value)), ("column", .text(column))])
    case .command(let program, let arguments):
      return .mapping([("command", .list(([program.value] + arguments).map(YAMLValue.text)))])
    }
  }

  private static func number(_ value: Double) -> YAMLValue { .number(Format.number(value)) }

  /// A kind's parameter as YAML; a milestone's `done` only when it is done.
  private static func parameter(_ value: MeasureParameterValue) -> YAMLValue {
    switch value {
    case .number(let number): return self.number(number)
    case .flag(let flag): return .bool(flag)
    case .word(let word): return .text(word)
    case .milestoneList(let milestones):
      return .list(
        milestones.map { milestone in
          var fields: [(String, YAMLValue)] = [("title", .text(milestone.title)), ("weight", number(milestone.weight))]
          if milestone.done { fields.append(("done", .bool(true))) }
          return .mapping(fields)
        })
    }
  }
}
