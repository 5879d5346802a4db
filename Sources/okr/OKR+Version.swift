extension OKR {
  /// The version `okr --version` prints.
  ///
  /// The only place it is written: `Scripts/release.sh` reads this line to name
  /// the release archive and checks that the built binary prints the same.
  static let version = "0.1.0"
}
