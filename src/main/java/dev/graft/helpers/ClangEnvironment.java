package dev.graft.helpers;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment variables clang reads that can change what it compiles: the names libclang-cpp 22
 * looks up with getenv, less those that only steer clang's own logging ({@code CC_PRINT_*},
 * {@code CC_LOG_*}), crash reports and linking ({@code LIBRARY_PATH}). Most matter only for other
 * targets (Darwin SDKs, MSVC's {@code INCLUDE}, HIP); they are listed anyway, since a variable that
 * changes the helpers' bitcode and is missing here serves stale bitcode from the cache.
 */
final class ClangEnvironment {

    static final List<String> VARIABLES = List.of(
            // rewrites clang's command line
            "CCC_OVERRIDE_OPTIONS",
            // header search paths
            "CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "OBJC_INCLUDE_PATH", "OBJCPLUS_INCLUDE_PATH",
            "NCC_C_INCLUDE_PATH", "NCC_CPLUS_INCLUDE_PATH", "XCC_C_INCLUDE_PATH", "XCC_CPLUS_INCLUDE_PATH",
            "INCLUDE", "EXTERNAL_INCLUDE",
            // __DATE__ and __TIME__
            "SOURCE_DATE_EPOCH",
            // where the driver finds programs and its configuration files
            "COMPILER_PATH", "CLANG_CONFIG_PATH", "CLANG_NO_DEFAULT_CONFIG", "CLANG_MODULE_CACHE_PATH",
            // SDKs and deployment targets
            "SDKROOT", "MACOSX_DEPLOYMENT_TARGET", "IPHONEOS_DEPLOYMENT_TARGET", "TVOS_DEPLOYMENT_TARGET",
            "WATCHOS_DEPLOYMENT_TARGET", "XROS_DEPLOYMENT_TARGET", "DRIVERKIT_DEPLOYMENT_TARGET",
            "SCE_ORBIS_SDK_DIR", "SCE_PROSPERO_SDK_DIR", "HIP_PATH", "ROCM_PATH", "HIP_DEVICE_LIB_PATH",
            // debug info
            "RC_DEBUG_OPTIONS", "RC_DEBUG_PREFIX_MAP");

    private ClangEnvironment() {
    }

    /** The variables of {@link #VARIABLES} that {@code environment} sets, in a stable order. */
    static Map<String, String> of(Map<String, String> environment) {
        Map<String, String> set = new TreeMap<>();
        for (String name : VARIABLES) {
            String value = environment.get(name);
            if (value != null) {
                set.put(name, value);
            }
        }
        return set;
    }
}
