/* Reference outputs for test/random.test.ts: xoshiro128** 1.1 as defined by Blackman & Vigna (2021,
 * ACM TOMS 47(4)), written independently from the paper's definition. Build and run from the repo root:
 *   gcc -O2 test/reference/random-xoshiro128ss.c -o /tmp/x && /tmp/x > test/reference/random-xoshiro128ss.json */
#include <stdio.h>
#include <stdint.h>
static uint32_t s[4];
static inline uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static uint32_t next(void) {
  uint32_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 9;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 11);
  return r;
}
int main(void) {
  printf("{\"generated_by\":\"test/reference/random-xoshiro128ss.c\",\"state1234_first10\":[");
  s[0] = 1; s[1] = 2; s[2] = 3; s[3] = 4;
  for (int i = 0; i < 10; i++) printf("%u%s", next(), i < 9 ? "," : "");
  printf("],\"stateDeadbeef_after1000_next5\":[");
  s[0] = 0xdeadbeef; s[1] = 0x01234567; s[2] = 0x89abcdef; s[3] = 0xfeedface;
  for (int i = 0; i < 1000; i++) next();
  for (int i = 0; i < 5; i++) printf("%u%s", next(), i < 4 ? "," : "");
  printf("]}\n");
  return 0;
}
