import Dispatch

extension Array where Element: Sendable {
  /// `transform` applied to every element on all cores, results in the elements' order.
  ///
  /// The work is pure (no I/O, no shared state), so running it on every core
  /// changes how long it takes and nothing else: the result is the same, byte
  /// for byte, as `map`'s. With `concurrently` false, or one element, it is `map`.
  ///
  /// - Parameters:
  ///   - concurrently: Whether to use every core.
  ///   - transform: A function safe to call from several threads at once.
  /// - Returns: The transformed elements, in order.
  public func concurrentMap<Result: Sendable>(
    concurrently: Bool = true, _ transform: @Sendable (Element) -> Result
  ) -> [Result] {
    guard concurrently, count > 1 else { return map(transform) }
    let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer {
      results.deinitialize()
      results.deallocate()
    }
    // Each iteration writes only its own slot.
    nonisolated(unsafe) let slots = results
    self.withUnsafeBufferPointer { elements in
      nonisolated(unsafe) let elements = elements
      DispatchQueue.concurrentPerform(iterations: elements.count) { index in
        slots[index] = transform(elements[index])
      }
    }
    return results.map { $0! }
  }
}
