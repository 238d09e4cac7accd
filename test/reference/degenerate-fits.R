# What R does on the degenerate fits of issue 18 (used by test/degenerate.test.ts to cite R's behaviour, not numbers).
# R 4.x, spdep + spatialreg from Debian. Run: Rscript test/reference/degenerate-fits.R > test/reference/degenerate-fits.json
suppressMessages({ library(spdep); library(spatialreg); library(jsonlite) })
catchAll <- function(expr) {
  warnings <- character(0)
  value <- withCallingHandlers(tryCatch(expr, error = function(e) structure(conditionMessage(e), class = "rerror")),
    warning = function(w) { warnings <<- c(warnings, conditionMessage(w)); invokeRestart("muffleWarning") })
  list(error = if (inherits(value, "rerror")) as.character(value) else NULL, warnings = unique(warnings), value = if (inherits(value, "rerror")) NULL else value)
}
x <- 1:20
y <- 2 + 3 * x                  # exact linear fit
yc <- rep(3, 20)                # constant response
lw <- nb2listw(cell2nb(4, 5))   # rook lattice, row-standardized
exact <- catchAll(summary(lm(y ~ x)))
constant <- catchAll(summary(lm(yc ~ x)))
lag <- catchAll(lagsarlm(y ~ x, listw = lw))
err <- catchAll(errorsarlm(y ~ x, listw = lw))
cat(toJSON(list(
  R = R.version.string, spatialreg = as.character(packageVersion("spatialreg")),
  lmExact = list(warnings = exact$warnings, r2 = exact$value$r.squared),
  lmConstant = list(warnings = constant$warnings, r2 = constant$value$r.squared),
  lagsarlmExact = list(error = lag$error, warnings = lag$warnings),
  errorsarlmExact = list(error = err$error, lambda = if (is.null(err$value)) NULL else unname(err$value$lambda), nWarnings = length(err$warnings))
), auto_unbox = TRUE, digits = NA, pretty = TRUE))
