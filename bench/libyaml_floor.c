/*
 * The floor for okr's speed: parse every YAML file under a folder with
 * libyaml's event API and count the events. No Swift, no tree, no model,
 * one thread. Anything okr does costs at least this.
 *
 *   cc -O2 -o libyaml_floor bench/libyaml_floor.c $(pkg-config --cflags --libs yaml-0.1)
 *   ./libyaml_floor /tmp/corpus
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static unsigned long files = 0, events = 0, failures = 0;

static int visit(const char *path, const struct stat *info, int type, struct FTW *ftw) {
  (void)info;
  (void)ftw;
  size_t length = strlen(path);
  if (type != FTW_F) return 0;
  if (!(length > 5 && strcmp(path + length - 5, ".yaml") == 0) && !(length > 4 && strcmp(path + length - 4, ".yml") == 0))
    return 0;
  FILE *file = fopen(path, "rb");
  if (!file) {
    failures++;
    return 0;
  }
  yaml_parser_t parser;
  yaml_event_t event;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_file(&parser, file);
  for (;;) {
    if (!yaml_parser_parse(&parser, &event)) {
      failures++;
      break;
    }
    events++;
    int done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    if (done) break;
  }
  yaml_parser_delete(&parser);
  fclose(file);
  files++;
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s FOLDER\n", argv[0]);
    return 64;
  }
  if (nftw(argv[1], visit, 64, FTW_PHYS) != 0) {
    perror(argv[1]);
    return 74;
  }
  printf("%lu files, %lu events, %lu failures\n", files, events, failures);
  return failures ? 1 : 0;
}
