#pragma once
// A hint to start loading the cache line at an address that will be read a little later: the
// matcher and the writers read records at random, and the wait for memory dominates otherwise.

namespace sinkron {

// GCC 12 silently drops __builtin_prefetch in some inlined code (seen: a hash-table slot whose
// index came from a 128-bit multiply, behind an early return; the instruction was gone from the
// binary). On x86-64 the instruction is therefore written out; it cannot fault.
inline void prefetchRead(const void* p) {
#if defined(__x86_64__)
  asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(p)));
#else
  __builtin_prefetch(p);
#endif
}

}  // namespace sinkron
