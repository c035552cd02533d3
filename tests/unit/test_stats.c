/*
 * Unit tests of stats.c: the figures of moods, the daily means, the
 * groups and the runs, each against figures worked out by hand (the sums
 * are in the comments) and written here as numbers.
 */
#include "dates.h"
#include "stats.h"
#include "unit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DAY(n) ((time_t)(n) * DAY_SECONDS)
#define N(a) (sizeof(a) / sizeof(*(a)))

static int unit_check_near(double got, double want, const char *what,
			   const char *file, int line)
{
	int ok = fabs(got - want) < 1e-9;

	if (!unit_check(ok, what, file, line)) {
		printf("#   got:  %.12g\n", got);
		printf("#   want: %.12g\n", want);
	}
	return ok;
}

#define CHECK_NEAR(got, want) \
	unit_check_near((got), (want), #got " is " #want, __FILE__, __LINE__)

static void use_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static void test_mood_stats(void)
{
	/* days 0..4 given out of order: moods 6, 2, 9, 4, 4 */
	struct sample odd[] = {
		{ DAY(2), 9 }, { DAY(0), 6 }, { DAY(4), 4 }, { DAY(1), 2 },
		{ DAY(3), 4 },
	};
	/* four at one time: 1, 2, 4, 9 */
	struct sample even[] = {
		{ DAY(10), 4 }, { DAY(10), 9 }, { DAY(10), 1 }, { DAY(10), 2 },
	};
	/* 3 on day 0, 5 on day 14: up 2 in two weeks */
	struct sample two[] = { { DAY(14), 5 }, { DAY(0), 3 } };
	struct sample one[] = { { DAY(-3), 7 } };
	struct mood_stats st;

	mood_stats(odd, N(odd), &st);
	CHECK_INT(st.count, 5);
	/* 6 + 2 + 9 + 4 + 4 = 25; 25 / 5 = 5 */
	CHECK_NEAR(st.mean, 5.0);
	/* sorted 2 4 4 6 9: the third */
	CHECK_NEAR(st.median, 4.0);
	CHECK_INT(st.min, 2);
	CHECK_INT(st.max, 9);
	/* (1 + 9 + 16 + 1 + 1) / 5 = 5.6; sqrt(5.6) = 2.3664319132... */
	CHECK_NEAR(st.stdev, 2.36643191323985);
	/*
	 * x (days) 0 1 2 3 4, dx -2 -1 0 1 2; dy 1 -3 4 -1 -1:
	 * sxy = -2 + 3 + 0 - 1 - 2 = -2, sxx = 4 + 1 + 0 + 1 + 4 = 10,
	 * -0.2 a day, -1.4 a week
	 */
	CHECK(st.has_trend);
	CHECK_NEAR(st.trend, -1.4);

	mood_stats(even, N(even), &st);
	CHECK_INT(st.count, 4);
	/* (1 + 2 + 4 + 9) / 4 = 16 / 4 = 4 */
	CHECK_NEAR(st.mean, 4.0);
	/* sorted 1 2 4 9: (2 + 4) / 2 = 3 */
	CHECK_NEAR(st.median, 3.0);
	CHECK_INT(st.min, 1);
	CHECK_INT(st.max, 9);
	/* (9 + 4 + 0 + 25) / 4 = 9.5; sqrt(9.5) = 3.0822070014... */
	CHECK_NEAR(st.stdev, 3.08220700148449);
	/* all at one time: no slope */
	CHECK(!st.has_trend);
	CHECK_NEAR(st.trend, 0.0);

	mood_stats(two, N(two), &st);
	/* (5 - 3) / 2 weeks = 1 a week; mean 4, median (3 + 5) / 2 = 4 */
	CHECK(st.has_trend);
	CHECK_NEAR(st.trend, 1.0);
	CHECK_NEAR(st.median, 4.0);
	/* dy -1, 1: sqrt((1 + 1) / 2) = 1 */
	CHECK_NEAR(st.stdev, 1.0);

	mood_stats(one, N(one), &st);
	CHECK_INT(st.count, 1);
	CHECK_NEAR(st.mean, 7.0);
	CHECK_NEAR(st.median, 7.0);
	CHECK_NEAR(st.stdev, 0.0);
	CHECK(!st.has_trend);

	mood_stats(NULL, 0, &st);
	CHECK_INT(st.count, 0);
	CHECK(!st.has_trend);
}

static void test_runs(void)
{
	/* -3 -2 -1 | 5 6 6 7 8 | 20: the run 5..8 is 4 long */
	long days[] = { 7, -1, 20, 5, -3, 6, 8, -2, 6 };
	/* across day 0: -1 0 1 */
	long zero[] = { 1, -1, 0 };
	long one[] = { 42 };
	long sorted[] = { 1, 2, 2, 3, 5, 6, 7, 9 };

	CHECK_INT(longest_run(days, N(days)), 4);
	CHECK_INT(days[0], -3);		/* they were sorted */
	CHECK_INT(longest_run(zero, N(zero)), 3);
	CHECK_INT(longest_run(one, N(one)), 1);
	CHECK_INT(longest_run(NULL, 0), 0);

	/* 5 6 7 */
	CHECK_INT(run_ending(sorted, N(sorted), 7), 3);
	/* 1 2 (twice) 3, with 5..9 after it passed over */
	CHECK_INT(run_ending(sorted, N(sorted), 3), 3);
	CHECK_INT(run_ending(sorted, N(sorted), 9), 1);
	CHECK_INT(run_ending(sorted, N(sorted), 4), 0);
	CHECK_INT(run_ending(sorted, N(sorted), 10), 0);
	CHECK_INT(run_ending(sorted, N(sorted), 0), 0);
	CHECK_INT(run_ending(NULL, 0, 3), 0);
}

static void test_daily_means(void)
{
	/* several on one day, out of order, days before 1970 */
	struct chart_day d[] = {
		{ 3, 4, 1 }, { -2, 7, 1 }, { 3, 5, 1 }, { 0, 1, 1 },
		{ -2, 2, 1 }, { 3, 9, 1 }, { -1, 6, 1 },
	};
	/* means already, weighted by count; count 0 counts as 1 */
	struct chart_day w[] = {
		{ 1, 2.0, 3 }, { 1, 5.0, 1 }, { 1, 8.0, 0 },
	};
	/* thirds: (1 + 1 + 2) / 3 */
	struct chart_day third[] = { { 9, 1, 1 }, { 9, 2, 1 }, { 9, 1, 1 } };
	struct sample s[] = {
		{ DAY(3) + 100, 4 }, { DAY(-2) + 200, 7 }, { DAY(3) + 300, 5 },
		{ DAY(0), 1 }, { DAY(-1) - 1, 2 }, { DAY(3) + 3600, 9 },
		{ DAY(-1) + 43200, 6 },
	};
	double values[5];
	size_t n, lo, hi;
	struct chart_day *sd;

	n = daily_means(d, N(d));
	CHECK_INT(n, 4);
	CHECK_INT(d[0].day, -2);
	/* (7 + 2) / 2 = 4.5 */
	CHECK_NEAR(d[0].value, 4.5);
	CHECK_INT(d[0].count, 2);
	CHECK_INT(d[1].day, -1);
	CHECK_NEAR(d[1].value, 6.0);
	CHECK_INT(d[1].count, 1);
	CHECK_INT(d[2].day, 0);
	CHECK_NEAR(d[2].value, 1.0);
	CHECK_INT(d[3].day, 3);
	/* (4 + 5 + 9) / 3 = 18 / 3 = 6 */
	CHECK_NEAR(d[3].value, 6.0);
	CHECK_INT(d[3].count, 3);

	n = daily_means(w, N(w));
	CHECK_INT(n, 1);
	/* (2 * 3 + 5 * 1 + 8 * 1) / (3 + 1 + 1) = 19 / 5 = 3.8 */
	CHECK_NEAR(w[0].value, 3.8);
	CHECK_INT(w[0].count, 5);

	n = daily_means(third, N(third));
	CHECK_INT(n, 1);
	CHECK(third[0].value == 4.0 / 3.0);	/* to the last bit */

	CHECK_INT(daily_means(NULL, 0), 0);

	/*
	 * the same moods as samples, in UTC: DAY(-1) - 1 is the last second
	 * of day -2, so day -2 holds 7 and 2 again
	 */
	use_tz("UTC");
	sd = daily_of_samples(s, N(s), &n);
	CHECK_INT(n, 4);
	CHECK_INT(sd[0].day, -2);
	CHECK_NEAR(sd[0].value, 4.5);
	CHECK_INT(sd[3].day, 3);
	CHECK_NEAR(sd[3].value, 6.0);
	CHECK_INT(sd[3].count, 3);
	free(sd);
	/* in Tokyo (UTC+9) the last second of day -2 is on day -1 */
	use_tz("Asia/Tokyo");
	sd = daily_of_samples(s, N(s), &n);
	CHECK_INT(n, 4);
	CHECK_INT(sd[0].day, -2);
	CHECK_NEAR(sd[0].value, 7.0);
	CHECK_INT(sd[1].day, -1);
	/* (2 + 6) / 2 = 4 */
	CHECK_NEAR(sd[1].value, 4.0);
	CHECK_INT(sd[1].count, 2);
	free(sd);
	sd = daily_of_samples(NULL, 0, &n);
	CHECK(sd != NULL);
	CHECK_INT(n, 0);
	free(sd);
	use_tz("UTC");

	/* d is -2: 4.5, -1: 6, 0: 1, 3: 6; spread over -3 .. 1 */
	daily_spread(d, 4, -3, N(values), values);
	CHECK(isnan(values[0]));
	CHECK_NEAR(values[1], 4.5);
	CHECK_NEAR(values[2], 6.0);
	CHECK_NEAR(values[3], 1.0);
	CHECK(isnan(values[4]));	/* day 3 is after the end */

	/* lowest 1 (day 0); highest 6, day -1 before day 3 */
	daily_extremes(d, 4, &lo, &hi);
	CHECK_INT(lo, 2);
	CHECK_INT(hi, 1);
	daily_extremes(d, 1, &lo, &hi);
	CHECK_INT(lo, 0);
	CHECK_INT(hi, 0);
}

/* The keys of t's groups, joined by spaces, into out (of size). */
static const char *keys(const struct tallies *t, char *out, size_t size)
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < t->nr && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s",
					i ? " " : "", t->v[i].key);
	return out;
}

/* The group of t whose key is key, or NULL. */
static const struct tally *group(const struct tallies *t, const char *key)
{
	for (size_t i = 0; i < t->nr; i++)
		if (!strcmp(t->v[i].key, key))
			return &t->v[i];
	return NULL;
}

static void test_tallies(void)
{
	struct tally one = { 0 };
	struct tallies t, wd, f;
	const struct tally *g;
	char s[200];

	CHECK_NEAR(tally_mean(&one), 0.0);
	tally_add(&one, 3);
	tally_add(&one, 4);
	/* (3 + 4) / 2 */
	CHECK_NEAR(tally_mean(&one), 3.5);
	CHECK_INT(one.count, 2);

	tallies_init(&t, 0);
	tallies_add(&t, "work", 0, 4);
	tallies_add(&t, "home", 0, 8);
	tallies_add(&t, "work", 0, 6);
	tallies_add(&t, "Work", 0, 9);
	tallies_add(&t, "home", 0, 2);
	tallies_add(&t, "art", 0, 5);
	tallies_add(&t, "zen", 0, 5);
	CHECK_INT(t.nr, 5);
	/* work: 4 + 6 = 10 in 2, mean 5; Work (another key) 9 in 1 */
	g = group(&t, "work");
	CHECK(g && g->count == 2);
	CHECK(g && g->sum == 10);
	CHECK_NEAR(g ? tally_mean(g) : 0, 5.0);
	CHECK_STR(g ? g->name : NULL, "work");
	g = group(&t, "Work");
	CHECK_NEAR(g ? tally_mean(g) : 0, 9.0);
	/* home 8 + 2 = 10 in 2 */
	g = group(&t, "home");
	CHECK(g && g->sum == 10 && g->count == 2);

	/* counts 2 2 1 1 1; ties by key, byte by byte (W before a) */
	tallies_sort(&t, TALLY_COUNT);
	CHECK_STR(keys(&t, s, sizeof(s)), "home work Work art zen");
	/* means 9, then 5 5 5 5: two values before one, then by key */
	tallies_sort(&t, TALLY_MEAN);
	CHECK_STR(keys(&t, s, sizeof(s)), "Work home work art zen");
	/* adding after a sort finds the groups again */
	tallies_add(&t, "art", 0, 1);
	CHECK_INT(t.nr, 5);
	g = group(&t, "art");
	/* 5 + 1 = 6 in 2, mean 3 */
	CHECK(g && g->count == 2 && g->sum == 6);
	tallies_sort(&t, TALLY_MEAN);
	CHECK_STR(keys(&t, s, sizeof(s)), "Work home work zen art");

	/*
	 * the three used most: art, home, work (2 each, by key); by mean:
	 * home 5, work 5 (by key), art 3
	 */
	tallies_top(&t, 3);
	CHECK_INT(t.nr, 3);
	CHECK_STR(keys(&t, s, sizeof(s)), "home work art");
	tallies_top(&t, 10);
	CHECK_INT(t.nr, 3);
	tallies_release(&t);
	CHECK_INT(t.nr, 0);

	/*
	 * a tie at the cut: b has 2; a, c, d 1 each, so a goes in by its key
	 * and c (mean 8) stays out; then a (9) before b ((1 + 1) / 2 = 1)
	 */
	tallies_init(&t, 0);
	tallies_add(&t, "d", 0, 2);
	tallies_add(&t, "c", 0, 8);
	tallies_add(&t, "b", 0, 1);
	tallies_add(&t, "a", 0, 9);
	tallies_add(&t, "b", 0, 1);
	tallies_top(&t, 2);
	CHECK_STR(keys(&t, s, sizeof(s)), "a b");
	tallies_release(&t);

	/* the weekdays, Monday first; days of one order by key */
	tallies_init(&wd, 0);
	tallies_add(&wd, "Wed", 2, 3);
	tallies_add(&wd, "Mon", 0, 5);
	tallies_add(&wd, "Sun", 6, 1);
	tallies_add(&wd, "Mon", 0, 6);
	tallies_add(&wd, "2026-11-03", 7, 1);
	tallies_add(&wd, "2026-10-30", 7, 1);
	tallies_sort(&wd, TALLY_ORDER);
	CHECK_STR(keys(&wd, s, sizeof(s)),
		  "Mon Wed Sun 2026-10-30 2026-11-03");
	/* Monday: (5 + 6) / 2 = 5.5 */
	CHECK_NEAR(tally_mean(&wd.v[0]), 5.5);
	tallies_release(&wd);

	/* folded: one group for each word in any case, named as first seen */
	tallies_init(&f, 1);
	tallies_add(&f, "Conflict", 0, 3);
	tallies_add(&f, "conflict", 0, 5);
	tallies_add(&f, "CONFLICT", 0, 7);
	tallies_add(&f, "\xc3\x84rger", 0, 2);		/* Ärger */
	tallies_add(&f, "\xc3\xa4rger", 0, 4);		/* ärger */
	tallies_add(&f, "calm", 0, 9);
	CHECK_INT(f.nr, 3);
	g = group(&f, "conflict");
	/* 3 + 5 + 7 = 15 in 3, mean 5 */
	CHECK(g && g->sum == 15 && g->count == 3);
	CHECK_STR(g ? g->name : NULL, "Conflict");
	g = group(&f, "\xc3\xa4rger");
	/* 2 + 4 = 6 in 2, mean 3 */
	CHECK_NEAR(g ? tally_mean(g) : 0, 3.0);
	CHECK_STR(g ? g->name : NULL, "\xc3\x84rger");
	/* calm 9, conflict 5, ärger 3 */
	tallies_sort(&f, TALLY_MEAN);
	CHECK_STR(keys(&f, s, sizeof(s)), "calm conflict \xc3\xa4rger");
	tallies_release(&f);
	CHECK(f.fold);

	/* an entry's words: one spelt twice counts once, in any case */
	{
		char *one[] = { "Home", "work", "home", "HOME" };
		char *two[] = { "home", "home" };

		tallies_init(&f, 1);
		tallies_add_words(&f, one, 4, 6);
		tallies_add_words(&f, two, 2, 2);
		g = group(&f, "home");
		/* 6 once and 2 once: 8 in 2, mean 4 */
		CHECK(g && g->sum == 8 && g->count == 2);
		CHECK_STR(g ? g->name : NULL, "Home");
		g = group(&f, "work");
		CHECK(g && g->sum == 6 && g->count == 1);
		tallies_release(&f);
		/* not folding: only the very same word is one */
		tallies_init(&f, 0);
		tallies_add_words(&f, one, 4, 1);
		CHECK_INT(f.nr, 4);
		tallies_add_words(&f, two, 2, 1);
		g = group(&f, "home");
		CHECK(g && g->count == 2);
		tallies_release(&f);
	}
}

/* Many groups: the hash grows and finds each one again. */
static void test_many_groups(void)
{
	struct tallies t;
	char key[32];
	long wrong = 0;

	tallies_init(&t, 0);
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 5000; i++) {
			snprintf(key, sizeof(key), "k%d", i);
			tallies_add(&t, key, 0, i % 7);
		}
	CHECK_INT(t.nr, 5000);
	for (size_t i = 0; i < t.nr; i++)
		wrong += t.v[i].count != 2 ||
			 t.v[i].sum != 2 * (double)(atoi(t.v[i].key + 1) % 7);
	CHECK_INT(wrong, 0);
	tallies_top(&t, 1);
	/* all have 2: the first key, byte by byte, is k0 */
	CHECK_STR(t.v[0].key, "k0");
	tallies_release(&t);
}

int main(void)
{
	use_tz("UTC");
	test_mood_stats();
	test_runs();
	test_daily_means();
	test_tallies();
	test_many_groups();
	return unit_done();
}
