// SIMULATOR of the devicedb operator CLI for tests; see docs/simulators.md.
return 0;
