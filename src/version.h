#ifndef TEND_VERSION_H
#define TEND_VERSION_H

#define TEND_VERSION "0.1.0"

#endif
