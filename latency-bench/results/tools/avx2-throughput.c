#include <stdlib.h>
#include <stdio.h>
#include <time.h>
// Reciprocal throughput of the AVX2 instructions of the packed kernels on this core: 8 (mixes: 6 pairs of) independent
// instructions per iteration, best of 5 runs on the thread CPU clock. The vpaddw row is 8 dependent chains.
// Build and run: gcc -O2 -o avx2-throughput avx2-throughput.c && ./avx2-throughput GHZ   (GHZ from core-clock.c)
static double now(void){struct timespec t;clock_gettime(CLOCK_THREAD_CPUTIME_ID,&t);return t.tv_sec+t.tv_nsec*1e-9;}
#define REP8(op) op(0) op(1) op(2) op(3) op(4) op(5) op(6) op(7)
#define REP6(op) op(0) op(1) op(2) op(3) op(4) op(5)
#define MADDUBS(i) "vpmaddubsw %%ymm8, %%ymm9, %%ymm" #i "\n\t"
#define MADDWD(i) "vpmaddwd %%ymm8, %%ymm9, %%ymm" #i "\n\t"
#define SHUFB(i) "vpshufb %%ymm8, %%ymm9, %%ymm" #i "\n\t"
#define SRLW(i) "vpsrlw $4, %%ymm9, %%ymm" #i "\n\t"
#define PADDW(i) "vpaddw %%ymm8, %%ymm" #i ", %%ymm" #i "\n\t"
#define MIX2(i) "vpmaddubsw %%ymm8, %%ymm9, %%ymm" #i "\n\t" "vpshufb %%ymm9, %%ymm8, %%ymm1" #i "\n\t"
#define MIX3(i) "vpmaddubsw %%ymm8, %%ymm9, %%ymm" #i "\n\t" "vpsrlw $4, %%ymm8, %%ymm1" #i "\n\t"
#define MIX4(i) "vpshufb %%ymm8, %%ymm9, %%ymm" #i "\n\t" "vpsrlw $4, %%ymm8, %%ymm1" #i "\n\t"
#define BENCH(name, body, per) { double best=1e9; long n=20000000; for(int r=0;r<5;r++){double t0=now(); for(long i=0;i<n;i++){__asm__ volatile(body ::: "xmm0","xmm1","xmm2","xmm3","xmm4","xmm5","xmm6","xmm7","xmm10","xmm11","xmm12","xmm13","xmm14","xmm15","xmm8","xmm9");} double t=now()-t0; if(t<best)best=t;} printf("%-28s %.3f ns per instr = %.2f cycles at %.2f GHz\n", name, best/n/per*1e9, best/n/per*ghz*1e9, ghz);}
int main(int argc,char**argv){
  double ghz = argc>1 ? atof(argv[1]) : 3.1;
  BENCH("vpmaddubsw ymm", REP8(MADDUBS), 8)
  BENCH("vpmaddwd ymm", REP8(MADDWD), 8)
  BENCH("vpshufb ymm", REP8(SHUFB), 8)
  BENCH("vpsrlw ymm,imm", REP8(SRLW), 8)
  BENCH("vpaddw ymm (dep chains)", REP8(PADDW), 8)
  BENCH("maddubs+shufb mix", REP6(MIX2), 12)
  BENCH("maddubs+srlw mix", REP6(MIX3), 12)
  BENCH("shufb+srlw mix", REP6(MIX4), 12)
  return 0;
}
