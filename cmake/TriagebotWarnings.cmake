# triagebot_set_warnings(<target>): the project's warning set, as errors when TRIAGEBOT_WERROR is on.
function(triagebot_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                         -Wno-sign-conversion -Wnon-virtual-dtor -Woverloaded-virtual)
  # GCC 12 reports -Wrestrict inside std::string for "literal" + string at -O2/-O3 (GCC bug 105329),
  # a false positive in library code we cannot change.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(TRIAGEBOT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
