#include <stdio.h>
#include <time.h>
#include <stdint.h>
// Core clock estimate: a chain of dependent 1-cycle-latency adds (20 per iteration) timed on the thread CPU clock.
// Build and run: gcc -O2 -o core-clock core-clock.c && ./core-clock
static double now(void){struct timespec t;clock_gettime(CLOCK_THREAD_CPUTIME_ID,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(void){
  uint64_t x=0; long n=50000000; double best=1e9;
  for(int r=0;r<7;r++){
    double t0=now();
    for(long i=0;i<n;i++){
      __asm__ volatile(
        "add $1,%0\n\tadd $1,%0\n\tadd $1,%0\n\tadd $1,%0\n\tadd $1,%0\n\t"
        "add $1,%0\n\tadd $1,%0\n\tadd $1,%0\n\tadd $1,%0\n\tadd $1,%0\n\t"
        "add $1,%0\n\tadd $1,%0\n\tadd $1,%0\n\tadd $1,%0\n\tadd $1,%0\n\t"
        "add $1,%0\n\tadd $1,%0\n\tadd $1,%0\n\tadd $1,%0\n\tadd $1,%0\n\t" : "+r"(x));
    }
    double t=now()-t0; if(t<best)best=t;
  }
  printf("core clock ~ %.3f GHz (20 dependent adds x %ld in %.3f s, best of 7; x=%lu)\n", 20.0*n/best/1e9, n, best, (unsigned long)x);
  return 0;
}
