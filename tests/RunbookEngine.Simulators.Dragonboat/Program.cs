// SIMULATOR of the dragonboat operator CLI for tests; see docs/simulators.md.
return 0;
