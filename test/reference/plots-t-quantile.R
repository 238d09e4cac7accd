# Reference for test/plots-charts.test.ts: Student t quantiles from R's qt (lib/plots/tQuantile.ts).
# Run from the repository root: Rscript test/reference/plots-t-quantile.R
suppressMessages(library(jsonlite))
p  <- c(0.975, 0.975, 0.975, 0.95, 0.025, 0.995, 0.6, 0.975)
df <- c(30,    10,    7,     26,   30,    2,     1,   1000)
writeLines(toJSON(list(generated_by = "test/reference/plots-t-quantile.R", R = R.version.string, p = p, df = df, q = qt(p, df)),
                  digits = NA, auto_unbox = TRUE), "test/reference/plots-t-quantile.json")
