// SIMULATOR of the pegasus operator CLI for tests; see docs/simulators.md.
return 0;
