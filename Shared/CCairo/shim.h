#ifndef ONEGATE_CCAIRO_H
#define ONEGATE_CCAIRO_H
// cairo (PDF surface) and pango (text layout through fontconfig/HarfBuzz) for the Forms target.
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#endif
