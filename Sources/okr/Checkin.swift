import ArgumentParser

extension OKR {
  /// The weekly check-in: prompts, and recording.
  struct Checkin: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "This week's check-in: prompts per key result, and 'record' to append values and confidence.",
      subcommands: [Record.self])
  }
}
