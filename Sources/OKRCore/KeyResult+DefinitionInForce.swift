extension KeyResult {
  /// The key result as it was defined on a day: today's definition with
  /// every change dated after that day undone.
  ///
  /// A field takes the `from` of its earliest change after the day (the value
  /// that change replaced), so the order the changes are listed in does not
  /// matter. Titles, owners and sprint goals are today's: only the definition
  /// (``DefinitionField``) scores. A type change is undone when the key result
  /// carries the old kind's parameters; otherwise the kind stays today's.
  ///
  /// - Parameters:
  ///   - day: The day whose definition is wanted.
  ///   - changes: This key result's dated changes (any order).
  ///   - planningDay: The cycle's planning day: an addition on or before it is
  ///     the quarter's plan, not a key result added mid-quarter.
  /// - Returns: The key result as defined that day, or `nil` when it was
  ///   added after the planning day and after `day`.
  public func asDefined(on day: CalendarDate, changes: [DatedChange], planningDay: CalendarDate) -> KeyResult? {
    if let added = changes.first(where: { $0.change.kind == .added }), added.date > planningDay, added.date > day {
      return nil
    }
    var earliest: [DefinitionField: DatedChange] = [:]
    for dated in changes where dated.change.kind == .changed && dated.date > day {
      guard let name = dated.change.field else { continue }
      let field = DefinitionField(rawValue: name)
      if let seen = earliest[field], seen.date <= dated.date { continue }
      earliest[field] = dated
    }
    guard !earliest.isEmpty else { return self }
    var result = self
    var parameters: [String: MeasureParameterValue] = [:]
    for (key, value) in measure.behaviour?.parameterValues ?? [] { parameters[key] = value }
    var kind = measure.kind
    for (field, dated) in earliest {
      let before = dated.change.from
      switch field {
      case .type:
        if case .text(let name)? = before, let old = KeyResultKind(rawValue: name) { kind = old }
      case .unit:
        if case .text(let unit)? = before { result.unit = unit } else { result.unit = nil }
      case .commitment:
        if case .text(let word)? = before, let commitment = Commitment(rawValue: word) {
          result.commitment = commitment
        }
      case .weight:
        if case .number(let weight)? = before { result.weight = weight }
      default:
        switch before {
        case .number(let number)?: parameters[field.rawValue] = .number(number)
        case .text(let word)?: parameters[field.rawValue] = .word(word)
        case nil: parameters[field.rawValue] = nil
        }
      }
    }
    if let kind, case .success(let measure) = Measure.make(kind, MeasureParameterValues(parameters)) {
      result.measure = measure
    }
    return result
  }
}
