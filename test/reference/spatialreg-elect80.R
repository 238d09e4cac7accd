# Reference values for the sparse log-determinant path at n = 3,107: US counties, 1980 presidential
# election turnout (spData::elect80, queen contiguity e80_queen, style "W", zero.policy = TRUE because
# 4 counties have no neighbours). spatialreg lagsarlm / errorsarlm with method = "Matrix" (sparse Cholesky).
# Run from the repository root: Rscript test/reference/spatialreg-elect80.R
# Writes test/reference/spatialreg-elect80.json and test/reference/spatialreg-elect80.gal.
# Slow: the method = "eigen" fits use dense n × n algebra (about 3 CPU minutes each with reference BLAS).
suppressPackageStartupMessages({ library(spData); library(spdep); library(spatialreg); library(jsonlite) })
data(elect80, package = "spData")
d <- as.data.frame(elect80)
nb <- e80_queen
stopifnot(!anyDuplicated(d$FIPS))
attr(nb, "region.id") <- as.character(d$FIPS)
write.nb.gal(nb, "test/reference/spatialreg-elect80.gal", oldstyle = FALSE, shpfile = "elect80", ind = "FIPS")
lw <- nb2listw(nb, style = "W", zero.policy = TRUE)
f <- log(pc_turnout) ~ log(pc_college) + log(pc_homeownership) + log(pc_income)

lm0 <- lm(f, data = d)
lmt <- lm.LMtests(lm0, lw, test = "all", zero.policy = TRUE)
t_lag <- system.time(lag <- lagsarlm(f, data = d, listw = lw, method = "Matrix", zero.policy = TRUE))
t_err <- system.time(err <- errorsarlm(f, data = d, listw = lw, method = "Matrix", zero.policy = TRUE))
slag <- summary(lag); serr <- summary(err)
# The same models with method = "eigen": spatialreg then reports analytical asymptotic standard errors
# (information matrix with dense traces), the ones lib/spatialreg computes; used for the SE comparison.
t_lag_eigen <- system.time(lagE <- lagsarlm(f, data = d, listw = lw, method = "eigen", zero.policy = TRUE))
t_err_eigen <- system.time(errE <- errorsarlm(f, data = d, listw = lw, method = "eigen", zero.policy = TRUE))
ht <- function(h) list(statistic = as.numeric(h$statistic), df = as.numeric(h$parameter), pValue = as.numeric(h$p.value))
out <- list(
  source = sprintf("R %s, spdep %s, spatialreg %s, spData %s", getRversion(), packageVersion("spdep"),
                   packageVersion("spatialreg"), packageVersion("spData")),
  formula = "log(pc_turnout) ~ log(pc_college) + log(pc_homeownership) + log(pc_income)",
  islands = attr(nb, "region.id")[card(nb) == 0],
  data = list(FIPS = as.character(d$FIPS), pc_turnout = d$pc_turnout, pc_college = d$pc_college,
              pc_homeownership = d$pc_homeownership, pc_income = d$pc_income),
  lmTests = lapply(lmt, function(t) list(statistic = unname(t$statistic), df = unname(t$parameter), pValue = unname(t$p.value))),
  lag = list(rho = unname(lag$rho), coefficients = unname(lag$coefficients), logLik = as.numeric(logLik(lag)),
             sigma2 = unname(lag$s2), lrTest = ht(slag$LR1), interval = unname(lag$interval),
             rhoStdError = unname(lag$rho.se), stdError = unname(lag$rest.se),
             seNote = "spatialreg method Matrix: standard errors from a numerical Hessian (fdHess), not the analytical information matrix",
             seconds = unname(t_lag["elapsed"]),
             eigen = list(rho = unname(lagE$rho), logLik = as.numeric(logLik(lagE)), rhoStdError = unname(lagE$rho.se),
                          stdError = unname(lagE$rest.se), interval = unname(lagE$interval), seconds = unname(t_lag_eigen["elapsed"]))),
  error = list(lambda = unname(err$lambda), coefficients = unname(err$coefficients), logLik = as.numeric(logLik(err)),
               sigma2 = unname(err$s2), lrTest = ht(serr$LR1), interval = unname(err$interval),
               lambdaStdError = unname(err$lambda.se), stdError = unname(err$rest.se),
               seconds = unname(t_err["elapsed"]),
               eigen = list(lambda = unname(errE$lambda), logLik = as.numeric(logLik(errE)), lambdaStdError = unname(errE$lambda.se),
                            stdError = unname(errE$rest.se), interval = unname(errE$interval), seconds = unname(t_err_eigen["elapsed"])))
)
write_json(out, "test/reference/spatialreg-elect80.json", digits = NA, auto_unbox = TRUE)
