#ifndef ONEGATE_CQRENCODE_H
#define ONEGATE_CQRENCODE_H
// libqrencode (ISO/IEC 18004 QR code symbols) for the Forms target.
#include <qrencode.h>
#endif
