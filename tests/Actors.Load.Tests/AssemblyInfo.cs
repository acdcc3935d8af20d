// Many tests here run the real engine against real time (profiles, coordinated omission, overhead); run in parallel,
// one test's blocked or spinning threads starved another's copies and timers. One at a time, each gets the machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
