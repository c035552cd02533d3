/*
 * embed: turn the files named on the command line into a C source file
 * holding their bytes, so the built-in templates and prompts live inside
 * the tend binary. Each file's name is kept relative to the folder given
 * with -C, e.g. "entries/daily.md".
 *
 * usage: embed -C templates FILE... > builtin.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int emit(FILE *out, const char *path, size_t n)
{
	FILE *in = fopen(path, "rb");
	int c;
	size_t col = 0;

	if (!in) {
		perror(path);
		return -1;
	}
	fprintf(out, "static const char file_%zu[] = {", n);
	while ((c = getc(in)) != EOF) {
		fprintf(out, "%s%d,", col++ % 16 ? "" : "\n\t", c);
	}
	fprintf(out, "\n\t0\n};\n\n");
	if (ferror(in)) {
		perror(path);
		fclose(in);
		return -1;
	}
	fclose(in);
	return 0;
}

int main(int argc, char **argv)
{
	const char *base = "";
	size_t skip = 0;
	int first = 1;

	if (argc > 2 && !strcmp(argv[1], "-C")) {
		base = argv[2];
		skip = strlen(base);
		first = 3;
	}
	printf("/* Made by tools/embed from the files in '%s'; do not edit. */"
	       "\n#include \"builtin.h\"\n\n", base);
	for (int i = first; i < argc; i++)
		if (emit(stdout, argv[i], (size_t)i) < 0)
			return 1;
	printf("const struct builtin_file builtin_files[] = {\n");
	for (int i = first; i < argc; i++) {
		const char *name = argv[i];

		if (skip && !strncmp(name, base, skip) && name[skip] == '/')
			name += skip + 1;
		printf("\t{ \"%s\", file_%d, sizeof(file_%d) - 1 },\n",
		       name, i, i);
	}
	printf("\t{ NULL, NULL, 0 }\n};\n");
	if (fflush(stdout) || ferror(stdout)) {
		perror("embed");
		return 1;
	}
	return 0;
}
