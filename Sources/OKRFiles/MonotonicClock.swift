#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Seconds on a clock that only goes forward: what a deadline or a wait is measured on, never the wall clock,
/// which a person or NTP may set back.
enum MonotonicClock {
  /// Seconds since an arbitrary moment, on the monotonic clock.
  static func seconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
  }
}
