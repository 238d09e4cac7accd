# Reference for test/kernelDensity.test.ts: bandwidth rules and kernel density on R's faithful$eruptions.
# bw.nrd0 / bw.nrd are R's; the density values are exact kernel sums in base R (dnorm; Epanechnikov written out
# with R's scaling, half-width sqrt(5)·bw) on density()'s grid, plus density() itself (binned FFT) for a loose check.
# Run from the repository root: Rscript test/reference/disparity-density.R
suppressMessages(library(jsonlite))
y <- faithful$eruptions
h0 <- bw.nrd0(y); h1 <- bw.nrd(y)
d <- density(y, bw = "nrd0", n = 512)
exactG <- sapply(d$x, function(x) mean(dnorm(x, y, h0)))
a <- sqrt(5) * h0
de <- density(y, bw = "nrd0", kernel = "epanechnikov", n = 512)
exactE <- sapply(de$x, function(x) { u <- (x - y) / a; mean(ifelse(abs(u) < 1, 3 / (4 * a) * (1 - u^2), 0)) })
out <- list(generated_by = "test/reference/disparity-density.R", versions = list(R = R.version.string),
  y = y, nrd0 = h0, nrd = h1, gridFrom = min(d$x), gridTo = max(d$x),
  exactGaussian = exactG, densityGaussian = d$y, gridFromE = min(de$x), gridToE = max(de$x), exactEpanechnikov = exactE, densityEpanechnikov = de$y)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "test/reference/disparity-density.json")
