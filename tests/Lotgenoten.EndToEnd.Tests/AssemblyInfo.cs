// Browser tests share one app and one Chromium on a 2-core machine: run them one at a time.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
