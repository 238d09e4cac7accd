# Reference for test/betaConvergence.test.ts: beta convergence on plm::Grunfeld (firm value, 1935-1954).
# Cross-section: lm((log v1954 - log v1935)/19 ~ log v1935 [+ capital1935]); panel: plm within on
# diff(log value) ~ lag(log value), entity and two-way effects.
# Run from the repository root: Rscript test/reference/disparity-beta-grunfeld.R
suppressMessages({ library(plm); library(jsonlite) })
data(Grunfeld, package = "plm")
a <- Grunfeld[Grunfeld$year == 1935, ]; b <- Grunfeld[Grunfeld$year == 1954, ]
stopifnot(all(a$firm == b$firm))
g <- (log(b$value) - log(a$value)) / 19; l0 <- log(a$value)
abs <- summary(lm(g ~ l0))$coefficients; cond <- summary(lm(g ~ l0 + a$capital))$coefficients
pd <- pdata.frame(Grunfeld, index = c("firm", "year"))
pd$dly <- diff(log(pd$value)); pd$lly <- lag(log(pd$value))
fe <- summary(plm(dly ~ lly, data = pd, model = "within"))$coefficients
fe2 <- summary(plm(dly ~ lly, data = pd, model = "within", effect = "twoways"))$coefficients
out <- list(generated_by = "test/reference/disparity-beta-grunfeld.R",
  versions = list(R = R.version.string, plm = as.character(packageVersion("plm"))),
  firm = Grunfeld$firm, year = Grunfeld$year, value = Grunfeld$value, capital = Grunfeld$capital,
  crossAbsolute = list(beta = abs[2, 1], se = abs[2, 2], p = abs[2, 4]),
  crossConditional = list(beta = cond[2, 1], se = cond[2, 2]),
  panelEntity = list(beta = fe[1, 1], se = fe[1, 2], p = fe[1, 4]),
  panelTwoways = list(beta = fe2[1, 1], se = fe2[1, 2]))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "test/reference/disparity-beta-grunfeld.json")
