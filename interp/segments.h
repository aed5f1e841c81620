/* segments.h: segment-parallel rendering from the command line. `run --segments N` renders
 * the output's frames in N contiguous segments, each in its own moonreel process (its own
 * decoders, NVDEC sessions, workers and encoder; with --gpus, its own GPU), then joins their
 * parts into the output and renders the sound once. `run --segment K/N -o DIR` renders one
 * part (a task of a cluster's job array), and `moonreel join DIR -o out.mp4` joins them. */
#ifndef MR_INTERP_SEGMENTS_H
#define MR_INTERP_SEGMENTS_H

#include "interp/cli.h"

/* How many segments `run` renders clip's output at `out` in, with options o: --segments N
 * (at most the output's frames), or for auto (the default) what mr_segments_auto picks, and
 * 1 where the output is not made of parts (a picture or sound-only file, a sequence, a GIF,
 * the null encoder, a format that may keep transparency, a script read from standard input,
 * no picture). Returns 0, or -1 with err set where --segments asked for more than one and
 * the output cannot have them. */
int mr_segments_for(const mr_cli *cli, mr_clip *clip, const mr_render_opts *o, const char *out, int *n, mr_err *err);

/* run --segments N (n > 1): starts a moonreel process per segment (`run --segment k/n` into a
 * hidden folder beside out; their thread counts shared out so their total fits the cores, one
 * encoder settled for all; with --gpus, segment k sees GPU k mod count as its only one, counted
 * through CUDA_VISIBLE_DEVICES where it is set), waits for them, joins their parts into out
 * and removes the folder. A failed segment, or one that could not start, stops the others, and
 * its message is printed with its number. Each process dies with this one (a killed render
 * leaves no process; its folder is swept by the next segmented render beside it). Returns the
 * exit status (0: out is complete). */
int mr_run_segmented(const mr_cli *cli, mr_clip *clip, const mr_render_opts *o, const char *out, int n);

/* run --segment K/N -o DIR: renders segment K's frames of clip's output, picture only, into
 * DIR (made if missing) with its manifest (part_manifest.h). Returns the exit status. */
int mr_run_segment(const mr_cli *cli, mr_clip *clip, const mr_render_opts *o, const char *dir);

/* Whether o renders without encoding (--encoder null: measuring the render alone; nothing is
 * written, so nothing is joined). */
bool mr_segments_render_only(const mr_render_opts *o);

/* Whether the script is a file that can be read again (not "-", standard input, nor a pipe
 * such as /dev/stdin): segments in processes (--gpus), tasks and joins each read it. */
bool mr_script_is_file(const char *script);

/* In a segment's process that run --segments started (MOONREEL_SEGMENT_PARENT set): asks
 * the kernel for SIGTERM when that parent dies, so no segment outlives a killed render. */
void mr_segment_follow_parent(void);

/* moonreel join DIR -o out.mp4 [-q | -v]: checks that DIR holds every part of one render,
 * whole and from the same script and options, runs the script again for the sound, and
 * writes out. Returns the exit status (2: usage, 1: the join failed). */
int mr_cmd_join(int argc, char **argv);

#endif
