// Each test drives real dqlite-demo clusters on loopback ports; running them one at a time keeps raft's elections
// (3 s timeouts) out of CPU contention on small CI machines.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
