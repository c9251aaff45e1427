/*
 * Does an fdatasync cost more right after the process spawned programs? The engine's exec step pays one fdatasync
 * (its StepStarted record) between two programs, and that sync measures slower than the same sync in a loop of bare
 * appends (docs/benchmarks.md, "Engine overhead per step"). This program takes .NET and the engine out of the
 * question: it appends a 150-byte line to a file and fdatasyncs it, N times, with K spawns of /bin/true
 * (posix_spawn + waitpid) before each append, then WAIT microseconds of busy waiting, and prints the time inside
 * fdatasync (mean and median). K=0 with WAIT about the time of a spawn tells whether the spawn or merely the time
 * between two syncs makes the difference.
 *
 * Usage: sync-after-spawn FILE N K [WAIT]
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double micros(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: %s FILE N K [WAIT]\n", argv[0]);
        return 2;
    }
    const char *path = argv[1];
    int n = atoi(argv[2]), k = atoi(argv[3]);
    double wait = argc == 5 ? atof(argv[4]) : 0;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0 || n <= 0 || k < 0) {
        perror(path);
        return 2;
    }
    char line[150];
    memset(line, 'x', sizeof line - 1);
    line[sizeof line - 1] = '\n';
    char *child[] = {"/bin/true", NULL};
    double *syncs = malloc(sizeof(double) * n), total = 0;
    for (int i = 0; i < n; i++) {
        for (int s = 0; s < k; s++) {
            pid_t pid;
            int status;
            if (posix_spawn(&pid, "/bin/true", NULL, NULL, child, environ) != 0 || waitpid(pid, &status, 0) != pid) {
                perror("spawn");
                return 1;
            }
        }
        for (double until = micros() + wait; micros() < until;) {
        }
        if (write(fd, line, sizeof line) != (ssize_t)sizeof line) {
            perror("write");
            return 1;
        }
        double t0 = micros();
        if (fdatasync(fd) != 0) {
            perror("fdatasync");
            return 1;
        }
        syncs[i] = micros() - t0;
        total += syncs[i];
    }
    qsort(syncs, n, sizeof(double), by_value);
    printf("spawns before each sync: %d, then %4.0f us busy   fdatasync mean %.1f us, median %.1f us (%d syncs)\n", k, wait, total / n, syncs[n / 2], n);
    close(fd);
    unlink(path);
    return 0;
}
