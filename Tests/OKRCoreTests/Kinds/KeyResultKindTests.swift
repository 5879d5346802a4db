import Testing

@testable import OKRCore

/// The registry of kinds: each kind's keys, and what every kind shares.
@Suite struct KeyResultKindTests {
  @Test func eachKindRegistersItsOwnType() {
    for kind in KeyResultKind.allCases {
      #expect(kind.measureType.kind == kind)
    }
  }

  @Test func theKeysOfEachKind() {
    #expect(KeyResultKind.numeric.ownKeys == ["baseline", "target", "current", "source"])
    #expect(KeyResultKind.boolean.ownKeys == ["done", "source"])
    #expect(KeyResultKind.milestones.ownKeys == ["milestones"])
    #expect(KeyResultKind.threshold.ownKeys == ["keep", "bound", "current", "source"])
    #expect(KeyResultKind.numeric.requiredKeys == ["baseline", "target"])
    #expect(KeyResultKind.boolean.requiredKeys == [])
    #expect(KeyResultKind.milestones.requiredKeys == ["milestones"])
    #expect(KeyResultKind.threshold.requiredKeys == ["keep", "bound"])
    #expect(KeyResultKind.numeric.hasValues && KeyResultKind.threshold.hasValues)
    #expect(!KeyResultKind.boolean.hasValues && !KeyResultKind.milestones.hasValues)
  }

  @Test func aChangedTypeListsBothKindsFieldsInRegistryOrder() {
    let before = KindFixture.keyResult(.numeric(baseline: 35, target: 65), unit: "%")
    var after = KindFixture.keyResult(.threshold(keep: .above, bound: 60), unit: "%")
    after.commitment = .committed
    let changed = DefinitionField.ordered.filter { before.definition[$0] != after.definition[$0] }
    #expect(changed.map(\.rawValue) == ["type", "baseline", "target", "keep", "bound", "commitment"])
    #expect(after.definition[.type] == .text("threshold"))
  }
}
