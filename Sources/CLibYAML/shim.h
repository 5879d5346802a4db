#ifndef OKR_CLIBYAML_SHIM_H
#define OKR_CLIBYAML_SHIM_H
// The system libyaml (Debian: libyaml-dev). Only YAMLKit imports this module.
#include <yaml.h>
#endif
