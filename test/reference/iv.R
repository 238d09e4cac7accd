# Reference values for test/iv.test.ts: two-stage least squares, cross-section and with absorbed fixed effects.
#   cigarettes  AER::CigarettesSW, 1995 (Stock & Watson's example): log(packs) ~ log(rincome) + log(rprice),
#               log(rprice) instrumented by tdiff = (taxs - tax)/cpi and I(tax/cpi); AER ivreg, classical,
#               sandwich HC1 and HC0, and summary(diagnostics = TRUE) (weak instruments F, Wu-Hausman, Sargan)
#   crime       plm::Crime (Cornwell & Trumbull 1994; 90 counties x 7 years): lcrmrte ~ lprbconv + ldensity +
#               lprbarr + lpolpc with lprbarr and lpolpc instrumented by ltaxpc and lmix, county fixed effects
#               (plm within 2SLS: plm(..., model = "within", inst.method = "bvk")), classical and
#               vcovHC(method = "arellano", type = "HC1") clustered by county
# Run: Rscript test/reference/iv.R  (from test/reference; writes iv.json)
suppressPackageStartupMessages({ library(AER); library(plm); library(sandwich); library(jsonlite) })
data("CigarettesSW", package = "AER")
cs <- subset(CigarettesSW, year == "1995")
d <- data.frame(state = as.character(cs$state), lpacks = log(cs$packs), lrincome = log(cs$income / cs$population / cs$cpi),
                lrprice = log(cs$price / cs$cpi), tdiff = (cs$taxs - cs$tax) / cs$cpi, rtax = cs$tax / cs$cpi)
m <- ivreg(lpacks ~ lrincome + lrprice | lrincome + tdiff + rtax, data = d)
s <- summary(m, diagnostics = TRUE)
sHC1 <- summary(m, vcov. = function(x, ...) sandwich::vcovHC(x, type = "HC1", ...), diagnostics = TRUE)
diag_list <- function(s) lapply(split(as.data.frame(s$diagnostics), rownames(s$diagnostics)), function(r) list(df1 = r[[1]], df2 = r[[2]], statistic = r[[3]], pValue = r[[4]]))
cig <- list(
  terms = names(coef(m)), coefficients = unname(coef(m)), stdError = unname(sqrt(diag(vcov(m)))),
  vcovHC1 = as.vector(t(sandwich::vcovHC(m, type = "HC1"))), vcovHC0 = as.vector(t(sandwich::vcovHC(m, type = "HC0"))),
  sigma = s$sigma, dfResidual = m$df.residual, residuals = unname(residuals(m)),
  diagnostics = diag_list(s), diagnosticsHC1 = diag_list(sHC1), data = d
)

data("Crime", package = "plm")
cr <- Crime[, c("county", "year", "lcrmrte", "lprbconv", "ldensity", "lprbarr", "lpolpc", "ltaxpc", "lmix")]
pd <- pdata.frame(cr, index = c("county", "year"))
fe <- plm(lcrmrte ~ lprbconv + ldensity + lprbarr + lpolpc | lprbconv + ldensity + ltaxpc + lmix, data = pd, model = "within")
crime <- list(
  terms = names(coef(fe)), coefficients = unname(coef(fe)), stdError = unname(sqrt(diag(vcov(fe)))),
  seClusterPlm = unname(sqrt(diag(vcovHC(fe, method = "arellano", type = "HC1", cluster = "group")))),
  dfResidual = df.residual(fe), data = cr
)
out <- list(source = sprintf("R %s.%s, AER %s, plm %s, sandwich %s", R.version$major, R.version$minor,
                             packageVersion("AER"), packageVersion("plm"), packageVersion("sandwich")),
            cigarettes = cig, crime = crime)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "iv.json")
