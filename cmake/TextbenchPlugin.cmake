# textbench_add_plugin(<name> SOURCES <files...> [LIBRARIES <targets...>] [OUTPUT_DIRECTORY <dir>]
#                      [NO_INSTALL])
#
# Builds plugin <name> as lib<name>.so with the flags the host relies on: hidden visibility (only
# the txtplug_<name> entry is exported, so same-named symbols in two plugins cannot shadow each
# other) and --no-undefined (a missing dependency fails at link time, not mid-corpus). The ABI
# stamp comes from the SDK headers (TEXTBENCH_PLUGIN), C++20 and the SDK's definitions from
# linking textbench::sdk.
# Also creates <name>_objects, an object library tests can link to run the plugin without loading.
#
# The library lands in OUTPUT_DIRECTORY, else in <build>/lib/textbench/plugins inside the textbench
# tree and <build>/plugins in a plugin author's own project (found with find_package(textbench)).
# `cmake --install` puts it in <prefix>/lib/textbench/plugins, where the host looks without being
# told, unless NO_INSTALL is given or OUTPUT_DIRECTORY is (test-only plugins use that).
#
# This file is shared by the textbench build and its installed CMake package: keep it free of
# anything that only exists in the textbench source tree.
if(NOT DEFINED TEXTBENCH_PLUGIN_SUBDIR)
  set(TEXTBENCH_PLUGIN_SUBDIR "lib/textbench/plugins")
endif()

function(textbench_add_plugin name)
  cmake_parse_arguments(ARG "NO_INSTALL" "OUTPUT_DIRECTORY" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT name MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
    message(FATAL_ERROR "textbench_add_plugin(${name}): the name must be an identifier (letters, digits, _), "
                        "because configs and the exported symbol txtplug_<name> use it")
  endif()
  if(ARG_OUTPUT_DIRECTORY)
    set(ARG_NO_INSTALL TRUE)
  endif()
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "textbench_add_plugin(${name}): SOURCES is required")
  endif()
  if(NOT ARG_OUTPUT_DIRECTORY)
    if(DEFINED TEXTBENCH_PLUGIN_OUTPUT_DIR)
      set(ARG_OUTPUT_DIRECTORY "${TEXTBENCH_PLUGIN_OUTPUT_DIR}")
    else()
      set(ARG_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/plugins")
    endif()
  endif()
  add_library(${name}_objects OBJECT ${ARG_SOURCES})
  target_link_libraries(${name}_objects PUBLIC textbench::sdk ${ARG_LIBRARIES})
  set_target_properties(${name}_objects PROPERTIES
    POSITION_INDEPENDENT_CODE ON
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  add_library(${name} MODULE $<TARGET_OBJECTS:${name}_objects>)
  target_link_libraries(${name} PRIVATE textbench::sdk ${ARG_LIBRARIES})
  target_link_options(${name} PRIVATE -Wl,--no-undefined)
  set_target_properties(${name} PROPERTIES
    PREFIX "lib"
    OUTPUT_NAME "${name}"
    LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}"
    INSTALL_RPATH "$ORIGIN/../..")
  if(NOT ARG_NO_INSTALL)
    install(TARGETS ${name} LIBRARY DESTINATION "${TEXTBENCH_PLUGIN_SUBDIR}")
  endif()
endfunction()

# textbench_plugin_selected(<name> <out-var>): whether plugins/<name> is part of this build
# (TEXTBENCH_PLUGINS empty, or listing it). Test and benchmark folders of a plugin that is not
# built are skipped too.
function(textbench_plugin_selected name out)
  if(NOT TEXTBENCH_PLUGINS OR name IN_LIST TEXTBENCH_PLUGINS)
    set(${out} TRUE PARENT_SCOPE)
  else()
    set(${out} FALSE PARENT_SCOPE)
  endif()
endfunction()
