import OKRCore
import Testing

@testable import OKRFiles

/// The decoder's key-result keys are the keys every kind shares plus the keys
/// the kinds register, and nothing else: a kind that renames or drops a key
/// cannot leave the old one accepted by the hand-ordered table.
@Suite struct DecoderKeyTableTests {
  static let sharedKeys: Set<String> = [
    "id", "title", "type", "unit", "commitment", "weight", "owner", "pace", "sprint_goals", "score", "score_note",
    "change_note", "dropped",
  ]

  @Test func keyResultKeysAreTheSharedOnesAndTheKindsOwn() {
    let kindKeys = Set(KeyResultKind.allCases.flatMap(\.ownKeys))
    #expect(Set(FileDecoder.keyResultKeys) == Self.sharedKeys.union(kindKeys))
    #expect(Self.sharedKeys.isDisjoint(with: kindKeys))
    #expect(FileDecoder.keyResultKeys.count == Set(FileDecoder.keyResultKeys).count)
  }
}
