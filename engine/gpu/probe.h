/* probe.h: what this machine's GPU does for moonreel, found by trying it: the devices, whether
 * NVDEC decodes each codec (a short stream is made and decoded), whether NVENC opens for each
 * codec, and what `auto` picks. For `moonreel probe` ("why is my GPU not used?"). */
#ifndef MR_PROBE_H
#define MR_PROBE_H

/* Calls line(text, ud) for each line of the report. Returns 0. */
int mr_probe(void (*line)(const char *text, void *ud), void *ud);

#endif
