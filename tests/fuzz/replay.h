/* SPDX-License-Identifier: BSD-2-Clause */
/* The main() of every fuzz target when it is not built for libFuzzer:
 * it replays each file named on the command line, so `make check` runs
 * the corpus as a regression test under gcc. Include it last, after
 * defining FUZZ_NAME (and FUZZ_HAS_INIT when the target defines
 * LLVMFuzzerInitialize). Inputs longer than the buffer are cut; the corpora
 * hold small files. */
#ifndef FUZZ_LIBFUZZER
#include <stdint.h>
#include <stdio.h>

static int replay(const char *path)
{
    static uint8_t in[1 << 16];
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    size_t n = fread(in, 1, sizeof in, f);
    fclose(f);
    LLVMFuzzerTestOneInput(in, n);
    return 0;
}

int main(int argc, char **argv)
{
    int failed = 0;
#ifdef FUZZ_HAS_INIT /* the target defines LLVMFuzzerInitialize */
    LLVMFuzzerInitialize(&argc, &argv);
#endif
    for (int i = 1; i < argc; i++)
        failed |= replay(argv[i]);
    printf("%s: replayed %d file(s)\n", FUZZ_NAME, argc - 1);
    return failed;
}
#endif
