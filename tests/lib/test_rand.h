/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * test_rand.h - the tests' one random number generator
 *
 * splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014): a 64-bit counter advanced by the golden
 * ratio and mixed.  Chosen because every seed, 0 included, gives a full
 * period, and the sequence is the same on every host and compiler, so a
 * seed printed by a failing run on one architecture replays on another
 * (tests/cross runs the same programs under qemu).  Not for anything that
 * needs unpredictability.
 *
 * A generator is a struct, not a global, so that each thread, instance
 * or map can have its own stream and one's draws do not shift another's:
 *
 *	struct test_rand r;
 *
 *	test_rand_init(&r, args.seed, thread + 1);
 *	pfn = test_rand_below(&r, max_pfn);
 */
#ifndef PMM_TEST_RAND_H
#define PMM_TEST_RAND_H

/**
 * struct test_rand - one stream of random numbers
 * @state: splitmix64's counter
 */
struct test_rand {
	unsigned long long state;
};

#define TEST_RAND_GOLDEN	0x9e3779b97f4a7c15ULL

/* splitmix64's finaliser: a bijection of 64-bit words, 0 to 0 */
static inline __attribute__((unused)) unsigned long long test_rand_mix(unsigned long long z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/**
 * test_rand_init() - start a stream
 * @r: the generator
 * @seed: the run's seed (-s)
 * @stream: which stream of that seed: 0 is the seed's own; others (a
 *	thread, an instance) start far from it and from each other, since
 *	the counter moves by the golden ratio and @stream is mixed first
 */
static inline __attribute__((unused)) void test_rand_init(struct test_rand *r,
							 unsigned long long seed,
							 unsigned long long stream)
{
	r->state = seed ^ test_rand_mix(stream * TEST_RAND_GOLDEN);
}

/*
 * A stream named by a string (a map's file name): its FNV-1a hash mixed
 * into the seed, so that a map's draws do not depend on which maps ran
 * before it.
 */
static inline __attribute__((unused)) void test_rand_init_name(struct test_rand *r,
							      unsigned long long seed,
							      const char *name)
{
	unsigned long long h = 0xcbf29ce484222325ULL;

	while (*name)
		h = (h ^ (unsigned char)*name++) * 0x100000001b3ULL;
	r->state = seed ^ h;
}

/* The next 64 random bits. */
static inline __attribute__((unused)) unsigned long long test_rand_next(struct test_rand *r)
{
	return test_rand_mix(r->state += TEST_RAND_GOLDEN);
}

/*
 * A number in [0, @n); 0 when @n is 0.  The modulo's bias is n / 2^64,
 * nothing for the ranges the tests draw from.
 */
static inline __attribute__((unused)) unsigned long long test_rand_below(struct test_rand *r,
									unsigned long long n)
{
	return n ? test_rand_next(r) % n : 0;
}

#endif /* PMM_TEST_RAND_H */
