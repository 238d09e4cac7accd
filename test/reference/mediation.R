# Reference values for test/mediation.test.ts: the three regressions of a mediation analysis with entity fixed
# effects and the Sobel, Aroian and Goodman tests computed from them by their textbook formulas (Sobel 1982;
# Baron & Kenny 1986): a from m ~ x, b and c' from y ~ x + m, c from y ~ x; z = ab / sqrt(b^2 sa^2 + a^2 sb^2
# (+ sa^2 sb^2 Aroian, - sa^2 sb^2 Goodman)). A NUMERICAL check only: plm::Grunfeld with x = value, m = capital,
# y = inv (not an economic claim about mediation). plm 2.6-2 within (individual), classical and vcovHC(arellano, HC1).
# Run: Rscript test/reference/mediation.R  (from test/reference; writes mediation.json)
suppressPackageStartupMessages({ library(plm); library(jsonlite) })
data(Grunfeld, package = "plm")
g <- Grunfeld[, c("firm", "year", "inv", "value", "capital")]
pd <- pdata.frame(g, index = c("firm", "year"))
one <- function(vc) {
  mc <- plm(inv ~ value, pd, model = "within"); ma <- plm(capital ~ value, pd, model = "within"); mb <- plm(inv ~ value + capital, pd, model = "within")
  se <- function(m) sqrt(diag(vc(m)))
  a <- coef(ma)[["value"]]; sa <- se(ma)[["value"]]; b <- coef(mb)[["capital"]]; sb <- se(mb)[["capital"]]
  list(a = a, sa = sa, b = b, sb = sb, c = coef(mc)[["value"]], cPrime = coef(mb)[["value"]], indirect = a * b,
       sobel = a * b / sqrt(b^2 * sa^2 + a^2 * sb^2), aroian = a * b / sqrt(b^2 * sa^2 + a^2 * sb^2 + sa^2 * sb^2),
       goodman = a * b / sqrt(b^2 * sa^2 + a^2 * sb^2 - sa^2 * sb^2))
}
out <- list(source = sprintf("R %s.%s, plm %s", R.version$major, R.version$minor, packageVersion("plm")), data = g,
            classical = one(vcov), cluster = one(function(m) vcovHC(m, method = "arellano", type = "HC1", cluster = "group")))
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "mediation.json")
