#ifndef ONEGATE_CARGON2_H
#define ONEGATE_CARGON2_H
#include <argon2.h>
#endif
