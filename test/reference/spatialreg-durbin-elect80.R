# Reference values for test/spatialDurbin.test.ts at n = 3,107 (spData::elect80, queen contiguity e80_queen, style "W",
# zero.policy = TRUE): SDM and SDEM by spatialreg 1.2-6 method = "Matrix" (sparse Cholesky log-determinant), and the
# SDM impacts by power-series traces, and SAC (sacsarlm, method = "Matrix") (trW(type = "mult"), Q = 30).
# Run from the repository root: Rscript test/reference/spatialreg-durbin-elect80.R  (writes ...-elect80.json)
suppressPackageStartupMessages({ library(spData); library(spdep); library(spatialreg); library(jsonlite) })
data(elect80, package = "spData")
d <- as.data.frame(elect80)
lw <- nb2listw(e80_queen, style = "W", zero.policy = TRUE)
f <- log(pc_turnout) ~ log(pc_college) + log(pc_homeownership) + log(pc_income)
t_sdm <- system.time(sdm <- lagsarlm(f, data = d, listw = lw, method = "Matrix", zero.policy = TRUE, Durbin = TRUE))
t_sdem <- system.time(sdem <- errorsarlm(f, data = d, listw = lw, method = "Matrix", zero.policy = TRUE, Durbin = TRUE))
t_sac <- system.time(sacm <- sacsarlm(f, data = d, listw = lw, method = "Matrix", zero.policy = TRUE))
trW <- trW(as(lw, "CsparseMatrix"), type = "mult", m = 30)
imp <- impacts(sdm, tr = trW, Q = 30)
fit <- function(m, par, t) list(parameter = unname(m[[par]]), terms = names(coef(m))[-1], coefficients = unname(m$coefficients),
                                logLik = as.numeric(logLik(m)), sigma2 = unname(m$s2), seconds = unname(t["elapsed"]))
out <- list(source = sprintf("R %s, spatialreg %s", getRversion(), packageVersion("spatialreg")),
            sdm = fit(sdm, "rho", t_sdm), sdem = fit(sdem, "lambda", t_sdem),
            sac = list(rho = unname(sacm$rho), lambda = unname(sacm$lambda), coefficients = unname(sacm$coefficients),
                       logLik = as.numeric(logLik(sacm)), seconds = unname(t_sac["elapsed"])),
            impactsTrace = list(direct = unname(imp$direct), indirect = unname(imp$indirect), total = unname(imp$total)))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "test/reference/spatialreg-durbin-elect80.json")
