// Everything runs one test at a time: the CLI tests swap the process-wide Console writers, and the
// load runs would otherwise compete for the same two cores and the same shared population.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
