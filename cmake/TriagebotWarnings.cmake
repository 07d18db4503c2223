# triagebot_set_warnings(<target>): the project's warning set, as errors when TRIAGEBOT_WERROR is on.
function(triagebot_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                         -Wno-sign-conversion -Wnon-virtual-dtor -Woverloaded-virtual)
  if(TRIAGEBOT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
