# Benchmark (issue 4), R side: plm two-way within model with entity-clustered standard errors
# (vcovHC arellano, HC1) on the SAME 500,000 synthetic rows as bench/panel.ts (run that first:
# it writes bench/out/panel-bench.csv). Reading the CSV is not timed; the fit and the vcov are.
# Run: Rscript bench/panel.R
suppressMessages(library(plm))
f <- "bench/out/panel-bench.csv"
if (!file.exists(f)) stop("run `npx tsx bench/panel.ts` first (it writes ", f, ")")
d <- read.csv(f)
pd <- pdata.frame(d, index = c("id", "year"))
peak <- function() { s <- readLines("/proc/self/status"); as.numeric(sub("\\D+(\\d+).*", "\\1", grep("VmHWM", s, value = TRUE))) / 1024 }
t0 <- proc.time()
m <- plm(y ~ x1 + x2 + x3 + x4 + x5, data = pd, model = "within", effect = "twoways")
V <- vcovHC(m, method = "arellano", type = "HC1", cluster = "group")
el <- proc.time() - t0
cat(sprintf("plm %s two-way within + vcovHC(arellano, HC1): wall %.2f s, CPU %.2f s\n",
            packageVersion("plm"), el[["elapsed"]], el[["user.self"]] + el[["sys.self"]]))
cat("coefficients:", paste(sprintf("%s %.6f (%.6f)", names(coef(m)), coef(m), sqrt(diag(V))), collapse = "; "), "\n")
cat(sprintf("peak resident memory (VmHWM) of this R process: %.0f MB\n", peak()))
