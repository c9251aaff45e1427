// SIMULATOR of the openmldb operator CLI for tests; see docs/simulators.md.
return 0;
