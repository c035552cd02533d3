/*
 * gen-journal: write a large, realistic journal for benchmarks. Entries
 * go in DIR/entries/YYYY/MM/ID.md with front matter (mood, feelings,
 * goals, tags, now and then share or private) and bodies of 150 to 1,500
 * words, several a day going back from 2026-11-20. The same seed always
 * gives the same files.
 *
 * usage: gen-journal DIR COUNT [SEED]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static uint64_t state;

/* xorshift64*: small, fast and the same everywhere */
static uint64_t next(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 2685821657736338717ULL;
}

static unsigned pick(unsigned n)
{
	return (unsigned)(next() % n);
}

static double unit(void)
{
	return (double)(next() >> 11) / 9007199254740992.0;
}

#define N(a) (sizeof(a) / sizeof(*(a)))

static const char *const feelings[] = {
	"hurt", "tired", "hopeful", "angry", "relieved", "anxious", "calm",
	"lonely", "proud", "guilty", "numb", "grateful", "resentful", "sad",
	"frustrated", "tender", "wary", "steady"
};
static const char *const goals[] = {
	"boundaries", "communication", "self-care", "clarity", "rest",
	"friends"
};
static const char *const tags[] = {
	"conflict", "emotional-labour", "therapy", "session-prep",
	"session-digest", "trigger", "family", "friends", "grounding",
	"stay-or-go", "needs", "roles", "boundaries", "walk", "review",
	"gratitude", "grief", "work", "sleep", "money"
};
static const char *const title_words[] = {
	"after", "the", "argument", "about", "dishes", "a", "quiet", "evening",
	"walk", "with", "Sam", "what", "I", "needed", "said", "it", "out",
	"loud", "again", "list", "nobody", "sees", "before", "session",
	"small", "win", "tired", "of", "keeping", "score", "coffee", "Priya",
	"sunday", "check-in", "kitchen", "table", "talk", "rain", "hills"
};
/* common words, then words of this work, then rare ones to search for */
static const char *const words[] = {
	"the", "and", "I", "to", "a", "of", "it", "that", "was", "in", "he",
	"me", "my", "we", "not", "for", "but", "on", "with", "again", "so",
	"about", "what", "when", "felt", "said", "like", "just", "then",
	"again", "how", "because", "there", "all", "at", "this", "be", "up",
	"out", "know", "think", "time", "want", "still", "more", "him",
	"dishes", "tired", "argument", "listen", "listening", "quiet",
	"alone", "together", "kitchen", "evening", "morning", "work", "sleep",
	"therapy", "Dana", "session", "boundary", "boundaries", "needs",
	"angry", "calm", "breathe", "walk", "river", "phone", "dinner",
	"laundry", "list", "remember", "forgot", "sorry", "apologise",
	"fixing", "caretaker", "avoid", "shutdown", "voice", "tone", "sigh",
	"hurt", "lonely", "hope", "maybe", "stay", "leave", "love", "tender",
	"resentment", "labour", "invisible", "weekend", "sister", "friend",
	"coffee", "rain", "body", "chest", "shoulders", "tears", "laugh",
	"pattern", "loop", "trigger", "grounding", "numb", "space", "ask",
	"stonewalling", "contempt", "repair", "attunement", "overwhelm"
};

/* Words of a body: common ones often, rare ones (the last five) seldom. */
static const char *body_word(void)
{
	double u = unit();

	if (u < 0.002)
		return words[N(words) - 1 - pick(5)];
	return words[(unsigned)(u * u * (N(words) - 5))];
}

static int mkdirs(const char *path)
{
	char *copy = strdup(path);

	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) < 0 && errno != EEXIST) {
			perror(copy);
			free(copy);
			return -1;
		}
		*p = '/';
	}
	free(copy);
	return 0;
}

/* Append "[a, b]" of k distinct picks from list. */
static void add_list(FILE *f, const char *const *list, unsigned n,
		     unsigned k)
{
	unsigned chosen[8], have = 0;

	fputc('[', f);
	while (have < k) {
		unsigned i = pick(n), dup = 0;

		for (unsigned j = 0; j < have; j++)
			dup |= chosen[j] == i;
		if (dup)
			continue;
		fprintf(f, "%s%s", have ? ", " : "", list[i]);
		chosen[have++] = i;
	}
	fputs("]\n", f);
}

int main(int argc, char **argv)
{
	struct tm day = { 0 };
	time_t t;
	long count, done = 0;
	char path[4096], slug[256], title[256];

	if (argc < 3) {
		fprintf(stderr, "usage: gen-journal DIR COUNT [SEED]\n");
		return 2;
	}
	count = atol(argv[2]);
	state = argc > 3 ? strtoull(argv[3], NULL, 10) : 20261122;
	state = state * 0x9E3779B97F4A7C15ULL + 1;
	setenv("TZ", "UTC", 1);
	tzset();
	day.tm_year = 2026 - 1900;
	day.tm_mon = 10;
	day.tm_mday = 20;
	while (done < count) {
		unsigned today = 1 + pick(4);

		for (unsigned k = 0; k < today && done < count; k++, done++) {
			struct tm tm = day;
			unsigned nw = 150 + (unsigned)(1350 * unit() * unit());
			unsigned nt = 3 + pick(4);
			size_t sl = 0;
			FILE *f;

			tm.tm_hour = 7 + (int)(k * 14 / today) + (int)pick(2);
			tm.tm_min = (int)pick(60);
			t = timegm(&tm);
			gmtime_r(&t, &tm);
			title[0] = '\0';
			for (unsigned w = 0; w < nt; w++) {
				unsigned i = pick(N(title_words));

				strcat(title, w ? " " : "");
				strcat(title, title_words[i]);
			}
			title[0] = (char)(title[0] >= 'a' && title[0] <= 'z' ?
					  title[0] - 32 : title[0]);
			for (const char *p = title; *p && sl < 60; p++)
				slug[sl++] = (char)(*p == ' ' ? '-' :
						    *p >= 'A' && *p <= 'Z' ?
						    *p + 32 : *p);
			slug[sl] = '\0';
			snprintf(path, sizeof(path), "%s/entries/%04d/%02d/"
				 "%04d-%02d-%02d-%02d%02d-%s-%ld.md",
				 argv[1], tm.tm_year + 1900, tm.tm_mon + 1,
				 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
				 tm.tm_hour, tm.tm_min, slug, done);
			if (mkdirs(path) < 0)
				return 1;
			f = fopen(path, "w");
			if (!f) {
				perror(path);
				return 1;
			}
			fprintf(f, "---\ntitle: %s\n"
				"date: %04d-%02d-%02dT%02d:%02d:00+00:00\n",
				title, tm.tm_year + 1900, tm.tm_mon + 1,
				tm.tm_mday, tm.tm_hour, tm.tm_min);
			if (pick(10))
				fprintf(f, "mood: %u\n", 1 + pick(10));
			fputs("feelings: ", f);
			add_list(f, feelings, N(feelings), 1 + pick(3));
			if (pick(3)) {
				fputs("goals: ", f);
				add_list(f, goals, N(goals), 1 + pick(2));
			}
			fputs("tags: ", f);
			add_list(f, tags, N(tags), 1 + pick(3));
			if (!pick(8))
				fputs("share: true\n", f);
			else if (!pick(20))
				fputs("private: true\n", f);
			fputs("---\n\n", f);
			for (unsigned w = 0; w < nw; w++) {
				fputs(body_word(), f);
				if (w + 1 == nw)
					fputs(".\n", f);
				else if (!pick(60))
					fputs(".\n\n", f);
				else if (!pick(12))
					fputs(". ", f);
				else
					fputc(' ', f);
			}
			if (fclose(f)) {
				perror(path);
				return 1;
			}
		}
		day.tm_mday--;
		t = timegm(&day);
		gmtime_r(&t, &day);
	}
	return 0;
}
