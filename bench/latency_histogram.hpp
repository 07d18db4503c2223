#pragma once
// A log-bucketed latency histogram (HdrHistogram's layout, simplified): values in nanoseconds, each
// power of two split into 32 linear buckets, so a percentile is exact to within 1/32 (about 3 %) at
// any scale, from 1 ns to hours, in a fixed 15 KB with O(1) recording. The load client records
// every frame's latency in one; nothing is sampled.
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace triagebot::bench {

class latency_histogram {
 public:
  static constexpr unsigned sub_bits = 6;  // 64 values exact, then 32 buckets per power of two
  static constexpr std::size_t sub_count = std::size_t{1} << sub_bits;
  // The exact first range, then half a range for each higher power of two.
  static constexpr std::size_t bucket_count = sub_count + (64 - sub_bits) * (sub_count / 2);

  void record(std::uint64_t ns) {
    ++counts_[index_of(ns)];
    ++total_;
    sum_ += static_cast<double>(ns);
    if (ns > max_) max_ = ns;
    if (ns < min_) min_ = ns;
  }

  void merge(const latency_histogram& other) {
    for (std::size_t i = 0; i < bucket_count; ++i) counts_[i] += other.counts_[i];
    total_ += other.total_;
    sum_ += other.sum_;
    if (other.max_ > max_) max_ = other.max_;
    if (other.min_ < min_) min_ = other.min_;
  }

  std::uint64_t count() const { return total_; }
  std::uint64_t max() const { return total_ == 0 ? 0 : max_; }
  std::uint64_t min() const { return total_ == 0 ? 0 : min_; }
  double mean() const { return total_ == 0 ? 0.0 : sum_ / static_cast<double>(total_); }

  // The value at quantile q (0..1): the upper edge of the bucket holding the ceil(q * count)-th
  // smallest value, never more than the largest value recorded. 0 when empty.
  std::uint64_t quantile(double q) const {
    if (total_ == 0) return 0;
    if (q <= 0) return min_;
    const double wanted = std::ceil(std::min(q, 1.0) * static_cast<double>(total_));
    const auto rank = static_cast<std::uint64_t>(std::max(1.0, wanted));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < bucket_count; ++i) {
      seen += counts_[i];
      if (seen >= rank) return std::min(upper_edge(i), max_);
    }
    return max_;
  }

  // Which bucket a value falls in; exposed for the tests of the layout.
  static std::size_t index_of(std::uint64_t ns) {
    if (ns < sub_count) return static_cast<std::size_t>(ns);  // the first range is exact
    const unsigned top = 63u - static_cast<unsigned>(std::countl_zero(ns));  // highest set bit, >= sub_bits
    const unsigned shift = top - sub_bits + 1;
    // ns >> shift lies in [sub_count / 2, sub_count): each power of two above the first gets half
    // a range of sub-buckets of width 2^shift.
    const std::size_t range = shift;
    return range * (sub_count / 2) + sub_count / 2 + static_cast<std::size_t>((ns >> shift) - sub_count / 2);
  }

  // The largest value that falls in bucket i.
  static std::uint64_t upper_edge(std::size_t i) {
    if (i < sub_count) return i;
    const std::size_t shift = (i - sub_count / 2) / (sub_count / 2);
    const std::uint64_t sub = (i - sub_count / 2) % (sub_count / 2) + sub_count / 2;
    const std::uint64_t base = sub << shift;
    const std::uint64_t width = std::uint64_t{1} << shift;
    if (base > std::numeric_limits<std::uint64_t>::max() - (width - 1)) return std::numeric_limits<std::uint64_t>::max();
    return base + width - 1;
  }

 private:
  std::array<std::uint64_t, bucket_count> counts_{};
  std::uint64_t total_ = 0;
  double sum_ = 0;
  std::uint64_t max_ = 0;
  std::uint64_t min_ = std::numeric_limits<std::uint64_t>::max();
};

}  // namespace triagebot::bench
