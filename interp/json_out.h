/* json_out.h: the machine-readable reports of `moonreel info --json` and `moonreel probe --json`.
 * Their keys are stable and documented in docs/cli.md: new keys may come, none goes or changes
 * meaning. */
#ifndef MR_JSON_OUT_H
#define MR_JSON_OUT_H

#include <stdio.h>
#include "engine/gpu/probe.h"
#include "engine/media/media.h"

/* Writes what moonreel sees in a media file as one JSON object and a newline. Returns 0, or -1
 * when memory runs out (nothing written). */
int mr_json_media_info(const mr_media_info *in, FILE *out);

/* Writes the GPU report as one JSON object and a newline. Returns 0 or -1 (as above). */
int mr_json_probe(const mr_probe_report *r, FILE *out);

#endif
